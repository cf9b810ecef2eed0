-- The recipient-name search in the list's default order (issue 14). A search for a piece of a
-- name walks the list order and tests every form it passes: at 10M forms about 120 forms per
-- match, so ~6,000 for a page of 50. On compose_forms each of those is a visit to an 8 GB heap
-- and a look into the form's jsonb (~2 us: 12-17 ms a page). The name cannot ride in the order
-- index instead: PostgreSQL's INCLUDE takes columns, not expressions, and its index-only scans
-- need every column an expression reads (form_data). A stored column would rewrite the heap.
--
-- So a narrow copy, one row per form, kept exact by triggers in the writer's own transaction
-- (as compose_funnel_daily is), holding the list order and the lowered name. Its index carries
-- the name, and the walk runs index only: ~0.3 us a form (3 ms a page at 10M).
-- FormRepository::page() reads it for a search with no other filter in the updated order
-- (the list's default); every other shape keeps reading compose_forms.
--
-- recipient is FormRepository's recipient expression exactly: lower(form_data->>'recipientName').
CREATE TABLE compose_form_search (
  form_id TEXT NOT NULL,
  updated_at TIMESTAMP,
  recipient TEXT
);

CREATE FUNCTION compose_form_search_track() RETURNS trigger AS $$
BEGIN
  -- Rows are found by (updated_at, form_id) through the one index below; no primary key, as it
  -- would be a third of the copy's size again and one more index write on every form update.
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF OLD.updated_at IS NULL THEN
      DELETE FROM compose_form_search WHERE updated_at IS NULL AND form_id = OLD.id;
    ELSE
      DELETE FROM compose_form_search WHERE updated_at = OLD.updated_at AND form_id = OLD.id;
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO compose_form_search(form_id, updated_at, recipient)
    VALUES (NEW.id, NEW.updated_at, lower(NEW.form_data->>'recipientName'));
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE FUNCTION compose_form_search_clear() RETURNS trigger AS $$
BEGIN
  TRUNCATE compose_form_search;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

-- The triggers come before the copy: CREATE TRIGGER locks compose_forms against writes until
-- this migration commits, so no write falls between the copy and the triggers.
-- WHEN, not UPDATE OF: a BEFORE trigger of the shop's may set updated_at on any update.
CREATE TRIGGER compose_forms_search_ins AFTER INSERT OR DELETE ON compose_forms
  FOR EACH ROW EXECUTE FUNCTION compose_form_search_track();
CREATE TRIGGER compose_forms_search_upd AFTER UPDATE ON compose_forms
  FOR EACH ROW
  WHEN (OLD.id IS DISTINCT FROM NEW.id
        OR OLD.updated_at IS DISTINCT FROM NEW.updated_at
        OR (OLD.form_data->>'recipientName') IS DISTINCT FROM (NEW.form_data->>'recipientName'))
  EXECUTE FUNCTION compose_form_search_track();
CREATE TRIGGER compose_forms_search_truncate AFTER TRUNCATE ON compose_forms
  FOR EACH STATEMENT EXECUTE FUNCTION compose_form_search_clear();

INSERT INTO compose_form_search(form_id, updated_at, recipient)
SELECT id, updated_at, lower(form_data->>'recipientName') FROM compose_forms;

-- The list's updated order (idx_cf_updated's), with the name carried for an index-only walk.
CREATE INDEX idx_cfs_updated ON compose_form_search(updated_at DESC NULLS LAST, form_id DESC)
  INCLUDE (recipient);
-- Statistics now (ANALYZE may run in the migration's transaction; VACUUM may not). The walk is
-- index only once a VACUUM has marked the copy's pages all-visible: autovacuum does after this
-- many inserts, or `VACUUM compose_form_search` at once.
ANALYZE compose_form_search;

GRANT SELECT ON compose_form_search TO compose_dashboard;
GRANT SELECT, INSERT, DELETE ON compose_form_search TO compose_api;
