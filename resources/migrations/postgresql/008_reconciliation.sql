-- Issue 12.3, reconciliation: what Stripe knows and the database does not (or knows otherwise).
-- Findings are written by compose-api's Reconciler and resolved only by staff (applied through
-- the webhook's own code path, or dismissed with a note); the reconciler never changes a payment.
CREATE TABLE IF NOT EXISTS compose_reconciliation_findings (
  id BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL,
  form_id TEXT,
  stripe_object_id TEXT NOT NULL,
  -- The payment intent the finding is about (when Stripe named one): a payment found through
  -- its session is not reported again through its intent.
  payment_intent TEXT,
  detail TEXT NOT NULL,
  found_at TIMESTAMP NOT NULL,
  resolved_at TIMESTAMP,
  resolution TEXT CHECK (resolution IN ('applied', 'dismissed')),
  resolved_by TEXT,
  note TEXT,
  -- Two processes (or two passes) never record the same finding twice.
  UNIQUE (kind, stripe_object_id)
);
CREATE INDEX IF NOT EXISTS idx_compose_findings_open_form
  ON compose_reconciliation_findings(form_id, id) WHERE resolved_at IS NULL;
CREATE INDEX IF NOT EXISTS idx_compose_findings_open
  ON compose_reconciliation_findings(id) WHERE resolved_at IS NULL;
CREATE INDEX IF NOT EXISTS idx_compose_findings_intent
  ON compose_reconciliation_findings(payment_intent) WHERE payment_intent IS NOT NULL;

-- Where the last pass stopped, per Stripe list: created_gte is the next pass's lower bound (less
-- a small overlap); a pass that hit its cap keeps resume_after (Stripe's starting_after) and the
-- newest created it saw (high_water) so the next pass continues instead of starting over.
CREATE TABLE IF NOT EXISTS compose_reconciliation_cursors (
  object_type TEXT PRIMARY KEY,
  created_gte BIGINT NOT NULL DEFAULT 0,
  resume_after TEXT,
  high_water BIGINT,
  updated_at TIMESTAMP NOT NULL DEFAULT (NOW() AT TIME ZONE 'UTC')
);

-- One pass at a time across every compose-api process: a lease row taken by compare-and-set.
CREATE TABLE IF NOT EXISTS compose_reconciliation_lease (
  name TEXT PRIMARY KEY,
  owner TEXT,
  lease_until TIMESTAMP,
  last_pass_at TIMESTAMP
);
INSERT INTO compose_reconciliation_lease(name) VALUES ('stripe') ON CONFLICT DO NOTHING;
