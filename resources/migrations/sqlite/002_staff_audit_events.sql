-- Same tables as PostgreSQL's 002 in SQLite's dialect. SQLite has no NOTIFY: the dashboard polls.
CREATE TABLE compose_form_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  form_id TEXT NOT NULL,
  old_status VARCHAR(50),
  new_status VARCHAR(50) NOT NULL,
  actor TEXT,
  changed_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);
CREATE INDEX idx_compose_form_events_form ON compose_form_events(form_id, id);

CREATE TRIGGER compose_forms_status_insert AFTER INSERT ON compose_forms
BEGIN
  INSERT INTO compose_form_events(form_id, old_status, new_status) VALUES (NEW.id, NULL, NEW.status);
END;

CREATE TRIGGER compose_forms_status_update AFTER UPDATE OF status ON compose_forms
  WHEN NEW.status IS NOT OLD.status
BEGIN
  INSERT INTO compose_form_events(form_id, old_status, new_status) VALUES (NEW.id, OLD.status, NEW.status);
END;

CREATE TABLE compose_staff (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE,
  role VARCHAR(20) NOT NULL CHECK (role IN ('agent', 'admin')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
  disabled_at TIMESTAMP
);

CREATE TABLE compose_audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  form_id TEXT,
  staff_id INTEGER REFERENCES compose_staff(id),
  staff_name TEXT NOT NULL,
  action VARCHAR(40) NOT NULL,
  request TEXT,
  result TEXT,
  http_status INTEGER NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);
CREATE INDEX idx_compose_audit_form ON compose_audit(form_id, id);

CREATE TABLE compose_idempotency (
  staff_id INTEGER NOT NULL REFERENCES compose_staff(id),
  idem_key VARCHAR(255) NOT NULL,
  method VARCHAR(10) NOT NULL,
  path TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  response_status INTEGER,
  response_body TEXT,
  created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
  PRIMARY KEY (staff_id, idem_key)
);

CREATE TABLE compose_stripe_events (
  event_id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  received_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);

CREATE TABLE compose_refunds (
  id TEXT PRIMARY KEY,
  form_id TEXT NOT NULL REFERENCES compose_forms(id),
  payment_intent TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  currency TEXT NOT NULL DEFAULT 'usd',
  reason VARCHAR(40) NOT NULL,
  note TEXT,
  status VARCHAR(20) NOT NULL,
  staff_id INTEGER REFERENCES compose_staff(id),
  created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
  updated_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);
CREATE INDEX idx_compose_refunds_form ON compose_refunds(form_id);

CREATE TABLE compose_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  form_id TEXT NOT NULL REFERENCES compose_forms(id),
  email TEXT NOT NULL,
  share_url TEXT NOT NULL,
  kind VARCHAR(20) NOT NULL CHECK (kind IN ('deliver', 'redeliver')),
  note TEXT,
  staff_id INTEGER REFERENCES compose_staff(id),
  created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);
CREATE INDEX idx_compose_deliveries_form ON compose_deliveries(form_id);
