-- Same tables as PostgreSQL's 007 in SQLite's dialect.
CREATE TABLE compose_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id TEXT NOT NULL UNIQUE,
  form_id TEXT NOT NULL REFERENCES compose_forms(id),
  delivery_id INTEGER REFERENCES compose_deliveries(id),
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  body_html TEXT NOT NULL,
  state VARCHAR(20) NOT NULL DEFAULT 'queued'
    CHECK (state IN ('queued', 'sending', 'retrying', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
  lease_owner TEXT,
  lease_until TIMESTAMP,
  last_error TEXT,
  sent_at TIMESTAMP,
  created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);
CREATE INDEX idx_compose_outbox_due ON compose_outbox(state, next_attempt_at);
CREATE INDEX idx_compose_outbox_form ON compose_outbox(form_id, id);

CREATE TABLE compose_mailbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id TEXT,
  mail_from TEXT NOT NULL,
  rcpt_to TEXT NOT NULL,
  subject TEXT,
  body_text TEXT,
  raw TEXT NOT NULL,
  received_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);
