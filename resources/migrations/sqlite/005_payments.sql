-- Same tables as PostgreSQL's 005 in SQLite's dialect (see the comments there).
CREATE TABLE IF NOT EXISTS compose_checkout_sessions (
  session_id TEXT PRIMARY KEY,
  form_id TEXT NOT NULL,
  selections TEXT NOT NULL,
  amount INTEGER NOT NULL,
  currency TEXT NOT NULL DEFAULT 'usd',
  -- Filled when the session is paid: staff refund a duplicate payment by this intent.
  payment_intent TEXT,
  order_id TEXT,
  created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);
CREATE INDEX IF NOT EXISTS idx_compose_checkout_sessions_form ON compose_checkout_sessions(form_id);

ALTER TABLE orders ADD COLUMN payment_flag VARCHAR(40);
CREATE INDEX IF NOT EXISTS idx_orders_payment_flag ON orders(form_id) WHERE payment_flag IS NOT NULL;

CREATE TABLE IF NOT EXISTS compose_generation_claims (
  form_id TEXT NOT NULL,
  song_index INTEGER NOT NULL,
  variation_index INTEGER NOT NULL,
  claimed_at TIMESTAMP NOT NULL,
  PRIMARY KEY (form_id, song_index, variation_index)
);

CREATE TABLE IF NOT EXISTS compose_generation_budget (
  form_id TEXT PRIMARY KEY,
  calls INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS compose_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);
