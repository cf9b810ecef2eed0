-- Our additive tables. Nothing here changes a seed column, so the shop's own code keeps working.

-- Status history, written by a trigger so that no writer (ours, the shop's, psql) can skip it.
CREATE TABLE compose_form_events (
  id BIGSERIAL PRIMARY KEY,
  form_id TEXT NOT NULL,
  old_status VARCHAR(50),
  new_status VARCHAR(50) NOT NULL,
  actor TEXT,
  changed_at TIMESTAMP NOT NULL DEFAULT (NOW() AT TIME ZONE 'UTC')
);
CREATE INDEX idx_compose_form_events_form ON compose_form_events(form_id, id);

CREATE FUNCTION compose_record_status_event() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status THEN
    INSERT INTO compose_form_events(form_id, old_status, new_status, actor)
    VALUES (NEW.id, CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.status END, NEW.status,
            NULLIF(current_setting('compose.actor', true), ''));
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER compose_forms_status_event AFTER INSERT OR UPDATE OF status ON compose_forms
  FOR EACH ROW EXECUTE FUNCTION compose_record_status_event();

-- Live updates: the payload is only the form id (NOTIFY payloads are small and not stored).
CREATE FUNCTION compose_notify_form() RETURNS trigger AS $$
DECLARE
  fid TEXT;
BEGIN
  IF TG_TABLE_NAME = 'compose_forms' THEN
    fid := COALESCE(NEW.id, OLD.id);
  ELSIF TG_OP = 'DELETE' THEN
    fid := OLD.form_id;
  ELSE
    fid := NEW.form_id;
  END IF;
  IF fid IS NOT NULL THEN
    PERFORM pg_notify('compose_forms', fid);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER compose_forms_notify AFTER INSERT OR UPDATE OR DELETE ON compose_forms
  FOR EACH ROW EXECUTE FUNCTION compose_notify_form();
CREATE TRIGGER music_generations_notify AFTER INSERT OR UPDATE OR DELETE ON music_generations
  FOR EACH ROW EXECUTE FUNCTION compose_notify_form();

-- Staff accounts of compose-api. Only a SHA-256 of the bearer token is kept.
CREATE TABLE compose_staff (
  id SERIAL PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role VARCHAR(20) NOT NULL CHECK (role IN ('agent', 'admin')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TIMESTAMP NOT NULL DEFAULT (NOW() AT TIME ZONE 'UTC'),
  disabled_at TIMESTAMP
);

-- Every staff action, written in the same transaction as the change it made.
CREATE TABLE compose_audit (
  id BIGSERIAL PRIMARY KEY,
  form_id TEXT,
  staff_id INTEGER REFERENCES compose_staff(id),
  staff_name TEXT NOT NULL,
  action VARCHAR(40) NOT NULL,
  request JSONB,
  result JSONB,
  http_status INTEGER NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT (NOW() AT TIME ZONE 'UTC')
);
CREATE INDEX idx_compose_audit_form ON compose_audit(form_id, id);

-- Idempotency-Key replay store for mutating staff calls.
CREATE TABLE compose_idempotency (
  staff_id INTEGER NOT NULL REFERENCES compose_staff(id),
  idem_key VARCHAR(255) NOT NULL,
  method VARCHAR(10) NOT NULL,
  path TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  response_status INTEGER,
  response_body TEXT,
  created_at TIMESTAMP NOT NULL DEFAULT (NOW() AT TIME ZONE 'UTC'),
  PRIMARY KEY (staff_id, idem_key)
);

-- Stripe deliveries repeat and arrive out of order: each event id is processed once.
CREATE TABLE compose_stripe_events (
  event_id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  received_at TIMESTAMP NOT NULL DEFAULT (NOW() AT TIME ZONE 'UTC')
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
  created_at TIMESTAMP NOT NULL DEFAULT (NOW() AT TIME ZONE 'UTC'),
  updated_at TIMESTAMP NOT NULL DEFAULT (NOW() AT TIME ZONE 'UTC')
);
CREATE INDEX idx_compose_refunds_form ON compose_refunds(form_id);

CREATE TABLE compose_deliveries (
  id BIGSERIAL PRIMARY KEY,
  form_id TEXT NOT NULL REFERENCES compose_forms(id),
  email TEXT NOT NULL,
  share_url TEXT NOT NULL,
  kind VARCHAR(20) NOT NULL CHECK (kind IN ('deliver', 'redeliver')),
  note TEXT,
  staff_id INTEGER REFERENCES compose_staff(id),
  created_at TIMESTAMP NOT NULL DEFAULT (NOW() AT TIME ZONE 'UTC')
);
CREATE INDEX idx_compose_deliveries_form ON compose_deliveries(form_id);
