-- The demo database is small; these keep the list's sorts and the search index-backed anyway.
CREATE INDEX IF NOT EXISTS idx_cf_updated ON compose_forms(updated_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS idx_cf_created ON compose_forms(created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS idx_cf_guest_email ON compose_forms(lower(guest_email));
CREATE INDEX IF NOT EXISTS idx_cf_payment_intent ON compose_forms(stripe_payment_intent_id);
CREATE INDEX IF NOT EXISTS idx_orders_form ON orders(form_id);
