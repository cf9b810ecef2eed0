-- Delivery e-mail: the outbox row is written in the transaction of the delivery, so a message
-- exists exactly when its delivery does; compose-api's mailer sends it afterwards. message_id is
-- the stable Message-ID header, the same on every attempt. A sender claims a row by setting
-- state 'sending' with a lease; a lease that runs out (the sender died) makes the row due again.
CREATE TABLE compose_outbox (
  id BIGSERIAL PRIMARY KEY,
  message_id TEXT NOT NULL UNIQUE,
  form_id TEXT NOT NULL REFERENCES compose_forms(id),
  delivery_id BIGINT REFERENCES compose_deliveries(id),
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  body_html TEXT NOT NULL,
  state VARCHAR(20) NOT NULL DEFAULT 'queued'
    CHECK (state IN ('queued', 'sending', 'retrying', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMP NOT NULL DEFAULT (NOW() AT TIME ZONE 'UTC'),
  lease_owner TEXT,
  lease_until TIMESTAMP,
  last_error TEXT,
  sent_at TIMESTAMP,
  created_at TIMESTAMP NOT NULL DEFAULT (NOW() AT TIME ZONE 'UTC')
);
CREATE INDEX idx_compose_outbox_due ON compose_outbox(state, next_attempt_at);
CREATE INDEX idx_compose_outbox_form ON compose_outbox(form_id, id);

-- Demo mode only: what compose-api's loopback SMTP sink received, for the dashboard's Mailbox.
CREATE TABLE compose_mailbox (
  id BIGSERIAL PRIMARY KEY,
  message_id TEXT,
  mail_from TEXT NOT NULL,
  rcpt_to TEXT NOT NULL,
  subject TEXT,
  body_text TEXT,
  raw TEXT NOT NULL,
  received_at TIMESTAMP NOT NULL DEFAULT (NOW() AT TIME ZONE 'UTC')
);
