-- Issue 9, the customer's money path. Tables of ours; the dashboard never needs them to read.

-- Every Checkout Session compose-api created, with the selection the customer saw on Stripe:
-- a payment marks exactly these variations paid, whatever the form says later.
CREATE TABLE IF NOT EXISTS compose_checkout_sessions (
  session_id TEXT PRIMARY KEY,
  form_id TEXT NOT NULL,
  selections JSONB NOT NULL,
  amount INTEGER NOT NULL,
  currency TEXT NOT NULL DEFAULT 'usd',
  -- Filled when the session is paid: staff refund a duplicate payment by this intent.
  payment_intent TEXT,
  order_id TEXT,
  created_at TIMESTAMP NOT NULL DEFAULT NOW()
);
CREATE INDEX IF NOT EXISTS idx_compose_checkout_sessions_form ON compose_checkout_sessions(form_id);

-- A payment that could not move its form to paid is still an order: 'duplicate' (the form was
-- already paid by another session) or 'status_kept' (the form was in a status a payment cannot
-- leave). NULL for an ordinary payment. Staff list these as needing attention.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS payment_flag VARCHAR(40);
CREATE INDEX IF NOT EXISTS idx_orders_payment_flag ON orders(form_id) WHERE payment_flag IS NOT NULL;

-- One MusicGPT call per slot: a row under this key is inserted before the outbound call, so a
-- second caller (any process) finds it and does not call. Released when the call fails or the
-- generation is recorded; a claim older than the outbound timeout is stale and taken over.
CREATE TABLE IF NOT EXISTS compose_generation_claims (
  form_id TEXT NOT NULL,
  song_index INTEGER NOT NULL,
  variation_index INTEGER NOT NULL,
  claimed_at TIMESTAMP NOT NULL,
  PRIMARY KEY (form_id, song_index, variation_index)
);

-- MusicGPT calls made for a form, so anonymous callers cannot spend credits without bound.
CREATE TABLE IF NOT EXISTS compose_generation_budget (
  form_id TEXT PRIMARY KEY,
  calls INTEGER NOT NULL
);

-- Secrets compose-api generates itself (the MusicGPT webhook token); never logged.
CREATE TABLE IF NOT EXISTS compose_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT NOW()
);
