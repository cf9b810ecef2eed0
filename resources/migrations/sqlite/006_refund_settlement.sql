-- Staff actions that never strand: an Idempotency-Key claim is a lease (claimed_at) that a retry
-- of the same key may take over once it is older than the lease; NULL means free to re-drive.
ALTER TABLE compose_idempotency ADD COLUMN claimed_at TIMESTAMP;
UPDATE compose_idempotency SET claimed_at = created_at WHERE response_status IS NULL;

-- The Idempotency-Key sent to Stripe for a refund, derived from the staff key (or the
-- reservation id without one): asking Stripe again with it can never refund twice.
ALTER TABLE compose_refunds ADD COLUMN stripe_idem_key VARCHAR(255);
ALTER TABLE compose_refunds ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE compose_refunds ADD COLUMN last_error TEXT;
CREATE UNIQUE INDEX idx_compose_refunds_stripe_key ON compose_refunds(stripe_idem_key);
-- The sweep looks for reservations whose outcome at Stripe is unknown.
CREATE INDEX idx_compose_refunds_unsettled ON compose_refunds(updated_at) WHERE status = 'pending';

-- The expiry job takes bounded batches of the oldest expirable forms.
CREATE INDEX IF NOT EXISTS idx_cf_expirable ON compose_forms(expires_at)
  WHERE status IN ('created', 'prompts_generated', 'variations_generating', 'variations_ready', 'payment_initiated');
