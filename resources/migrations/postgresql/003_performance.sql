-- Indexes and a rollup for the dashboard's interactive questions on millions of forms.
-- Every query also runs without these (a seed-only database); they only make it fast.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX IF NOT EXISTS idx_cf_updated ON compose_forms(updated_at DESC NULLS LAST, id DESC);
CREATE INDEX IF NOT EXISTS idx_cf_created ON compose_forms(created_at DESC NULLS LAST, id DESC);
CREATE INDEX IF NOT EXISTS idx_cf_expires ON compose_forms(expires_at DESC NULLS LAST, id DESC);
CREATE INDEX IF NOT EXISTS idx_cf_paid ON compose_forms(amount_paid DESC NULLS LAST, id DESC);
CREATE INDEX IF NOT EXISTS idx_cf_status_updated ON compose_forms(status, updated_at DESC NULLS LAST, id DESC);
CREATE INDEX IF NOT EXISTS idx_cf_package_updated ON compose_forms(package_type, updated_at DESC NULLS LAST, id DESC);
CREATE INDEX IF NOT EXISTS idx_cf_guest_email ON compose_forms(lower(guest_email));
CREATE INDEX IF NOT EXISTS idx_cf_payment_intent ON compose_forms(stripe_payment_intent_id);
CREATE INDEX IF NOT EXISTS idx_cf_recipient_trgm
  ON compose_forms USING gin (lower(form_data->>'recipientName') gin_trgm_ops);
CREATE INDEX IF NOT EXISTS idx_user_email ON "user"(lower(email));
CREATE INDEX IF NOT EXISTS idx_orders_form ON orders(form_id);

-- Funnel rollup: forms per creation day, package and status, kept exact by a trigger.
-- Rows with no created_at are counted under -infinity so "all time" still equals count(*).
CREATE TABLE compose_funnel_daily (
  day DATE NOT NULL,
  package_type VARCHAR(50) NOT NULL,
  status VARCHAR(50) NOT NULL,
  forms BIGINT NOT NULL,
  PRIMARY KEY (day, package_type, status)
);

CREATE FUNCTION compose_funnel_bump(d DATE, p VARCHAR, s VARCHAR, delta INTEGER) RETURNS void AS $$
BEGIN
  INSERT INTO compose_funnel_daily AS f(day, package_type, status, forms)
  VALUES (COALESCE(d, '-infinity'::date), p, s, delta)
  ON CONFLICT (day, package_type, status) DO UPDATE SET forms = f.forms + EXCLUDED.forms;
END $$ LANGUAGE plpgsql;

CREATE FUNCTION compose_funnel_track() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM compose_funnel_bump(OLD.created_at::date, OLD.package_type, OLD.status, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM compose_funnel_bump(NEW.created_at::date, NEW.package_type, NEW.status, 1);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

INSERT INTO compose_funnel_daily(day, package_type, status, forms)
SELECT COALESCE(created_at::date, '-infinity'::date), package_type, status, count(*)
FROM compose_forms GROUP BY 1, 2, 3;

CREATE TRIGGER compose_forms_funnel AFTER INSERT OR DELETE
  OR UPDATE OF status, package_type, created_at ON compose_forms
  FOR EACH ROW EXECUTE FUNCTION compose_funnel_track();
