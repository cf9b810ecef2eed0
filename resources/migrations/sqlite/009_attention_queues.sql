-- Needs attention (issue 12): the same partial indexes as PostgreSQL's 009 (see the comments
-- there), plus the status + updated_at index that PostgreSQL has from 003.
CREATE INDEX IF NOT EXISTS idx_cf_attn_paid
  ON compose_forms ((COALESCE(paid_at, updated_at))) WHERE status = 'payment_completed';
CREATE INDEX IF NOT EXISTS idx_mg_attn_failed
  ON music_generations (form_id, song_index, variation_index) WHERE status = 'failed';
CREATE INDEX IF NOT EXISTS idx_cf_attn_preview
  ON compose_forms (created_at)
  WHERE status IN ('variations_ready', 'payment_initiated', 'payment_completed');
CREATE INDEX IF NOT EXISTS idx_compose_refunds_attn
  ON compose_refunds (form_id) WHERE status IN ('pending', 'requires_action', 'failed');
CREATE INDEX IF NOT EXISTS idx_orders_no_form ON orders (id) WHERE form_id IS NULL;
CREATE INDEX IF NOT EXISTS idx_cf_status_updated ON compose_forms (status, updated_at);
