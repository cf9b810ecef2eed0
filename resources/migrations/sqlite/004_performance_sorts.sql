-- The demo database is small; these mirror PostgreSQL's 004 sort indexes for the plain columns
-- (the recipient sort is an expression over JSON and stays a scan on a few hundred rows).
CREATE INDEX IF NOT EXISTS idx_cf_status_sort ON compose_forms(status DESC, id DESC);
CREATE INDEX IF NOT EXISTS idx_cf_package_sort ON compose_forms(package_type DESC, id DESC);
CREATE INDEX IF NOT EXISTS idx_cf_expires ON compose_forms(expires_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS idx_cf_paid ON compose_forms(amount_paid DESC, id DESC);
