-- Needs attention (issue 12): partial indexes so that each queue's count reads only the rows
-- that are in the queue or close to it, not every form. The conditions must match
-- AttentionStore (models/store/attentionstore.cpp) exactly for the planner to use them.
-- Stuck in generation uses idx_cf_status_updated (003); the unknown-status count the funnel
-- rollup (003); duplicate payments idx_orders_payment_flag (005).

-- Paid and not delivered for longer than the threshold.
CREATE INDEX IF NOT EXISTS idx_cf_attn_paid
  ON compose_forms ((COALESCE(paid_at, updated_at))) WHERE status = 'payment_completed';

-- Failed variations without a retry: the failed rows are few, the slot check is by form_id.
CREATE INDEX IF NOT EXISTS idx_mg_attn_failed
  ON music_generations (form_id, song_index, variation_index) WHERE status = 'failed';

-- Previews expiring before delivery: only forms that are ready, at checkout or paid and older
-- than the shortest retention are looked at.
CREATE INDEX IF NOT EXISTS idx_cf_attn_preview
  ON compose_forms (created_at)
  WHERE status IN ('variations_ready', 'payment_initiated', 'payment_completed');

-- Refunds pending or failed at Stripe.
CREATE INDEX IF NOT EXISTS idx_compose_refunds_attn
  ON compose_refunds (form_id) WHERE status IN ('pending', 'requires_action', 'failed');

-- Orders that name no form.
CREATE INDEX IF NOT EXISTS idx_orders_no_form ON orders (id) WHERE form_id IS NULL;
