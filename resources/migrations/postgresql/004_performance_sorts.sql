-- Sort indexes for the list columns 003 does not cover. FormRepository::page() asks every sort
-- as two keyset branches (rows with a value by a row-value range, then rows without), so one
-- (expr DESC NULLS LAST, id DESC) index serves both directions at any depth: forwards for DESC,
-- backwards for ASC. The expression must match FormRepository::sortExpression() exactly.
CREATE INDEX IF NOT EXISTS idx_cf_recipient_sort
  ON compose_forms((lower(form_data->>'recipientName')) DESC NULLS LAST, id DESC);
CREATE INDEX IF NOT EXISTS idx_cf_status_sort ON compose_forms(status DESC NULLS LAST, id DESC);
CREATE INDEX IF NOT EXISTS idx_cf_package_sort ON compose_forms(package_type DESC NULLS LAST, id DESC);
