-- Least privilege (issue 16): two group roles, NOLOGIN, that login users are made members of
-- (README, "Database roles"). Roles belong to the whole cluster, so they are created only when
-- missing (several databases, or several compose-api processes starting at once, share them);
-- the grants belong to this database. Creating them needs CREATEROLE: a DBA without it for the
-- migrating user creates the two roles first (CREATE ROLE compose_dashboard NOLOGIN; CREATE ROLE
-- compose_api NOLOGIN) and this migration only grants.
--
--   compose_dashboard  reads what the dashboard shows; writes nothing. LISTEN needs no grant.
--   compose_api        reads what compose-api reads, writes only the tables it writes.
--
-- One GRANT line per table and role, so a later migration adds its table with one line each
-- (and USAGE on its sequence when it has a SERIAL id).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'compose_dashboard') THEN
    CREATE ROLE compose_dashboard NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- another process created it at the same moment
END $$;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'compose_api') THEN
    CREATE ROLE compose_api NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END $$;

GRANT USAGE ON SCHEMA public TO compose_dashboard;
GRANT USAGE ON SCHEMA public TO compose_api;

-- The dashboard: the shop's tables and ours that it shows. Not the token hashes
-- (compose_staff.token_hash), the Idempotency-Key answers, Stripe's event ids, the secrets,
-- checkout sessions or generation claims: it never reads them.
GRANT SELECT ON schema_migrations TO compose_dashboard;
GRANT SELECT ON "user" TO compose_dashboard;
GRANT SELECT ON compose_forms TO compose_dashboard;
GRANT SELECT ON music_generations TO compose_dashboard;
GRANT SELECT ON orders TO compose_dashboard;
GRANT SELECT ON compose_form_events TO compose_dashboard;
GRANT SELECT (id, name, role) ON compose_staff TO compose_dashboard;
GRANT SELECT ON compose_audit TO compose_dashboard;
GRANT SELECT ON compose_refunds TO compose_dashboard;
GRANT SELECT ON compose_deliveries TO compose_dashboard;
GRANT SELECT ON compose_funnel_daily TO compose_dashboard;
GRANT SELECT ON compose_outbox TO compose_dashboard;
GRANT SELECT ON compose_mailbox TO compose_dashboard;
GRANT SELECT ON compose_reconciliation_findings TO compose_dashboard;
GRANT SELECT ON compose_notes TO compose_dashboard;

-- compose-api (grep models/store/ for INSERT/UPDATE/DELETE: these are all of them; the
-- triggers on compose_forms write compose_form_events and compose_funnel_daily as the caller).
-- No TRUNCATE, no DDL, no DELETE except on the generation claims it releases.
GRANT SELECT ON schema_migrations TO compose_api;
GRANT SELECT ON "user" TO compose_api;
GRANT SELECT, INSERT, UPDATE ON compose_forms TO compose_api;
GRANT SELECT, INSERT, UPDATE ON music_generations TO compose_api;
GRANT SELECT, INSERT, UPDATE ON orders TO compose_api;
GRANT SELECT, INSERT, UPDATE ON compose_form_events TO compose_api;
GRANT SELECT, INSERT, UPDATE ON compose_staff TO compose_api;
GRANT SELECT, INSERT ON compose_audit TO compose_api;
GRANT SELECT, INSERT, UPDATE ON compose_idempotency TO compose_api;
GRANT SELECT, INSERT ON compose_stripe_events TO compose_api;
GRANT SELECT, INSERT, UPDATE ON compose_refunds TO compose_api;
GRANT SELECT, INSERT, UPDATE ON compose_deliveries TO compose_api;
GRANT SELECT, INSERT, UPDATE ON compose_funnel_daily TO compose_api;
GRANT SELECT, INSERT, UPDATE ON compose_checkout_sessions TO compose_api;
GRANT SELECT, INSERT, DELETE ON compose_generation_claims TO compose_api;
GRANT SELECT, INSERT, UPDATE ON compose_generation_budget TO compose_api;
GRANT SELECT, INSERT ON compose_secrets TO compose_api;
GRANT SELECT, INSERT, UPDATE ON compose_outbox TO compose_api;
GRANT SELECT, INSERT ON compose_mailbox TO compose_api;
GRANT SELECT, INSERT, UPDATE ON compose_reconciliation_findings TO compose_api;
GRANT SELECT, INSERT, UPDATE ON compose_reconciliation_cursors TO compose_api;
GRANT SELECT, INSERT, UPDATE ON compose_reconciliation_lease TO compose_api;
GRANT SELECT, INSERT ON compose_notes TO compose_api;
-- Ids from SERIAL columns: nextval needs USAGE on the sequence.
GRANT USAGE ON SEQUENCE compose_form_events_id_seq TO compose_api;
GRANT USAGE ON SEQUENCE compose_staff_id_seq TO compose_api;
GRANT USAGE ON SEQUENCE compose_audit_id_seq TO compose_api;
GRANT USAGE ON SEQUENCE compose_deliveries_id_seq TO compose_api;
GRANT USAGE ON SEQUENCE compose_outbox_id_seq TO compose_api;
GRANT USAGE ON SEQUENCE compose_reconciliation_findings_id_seq TO compose_api;
GRANT USAGE ON SEQUENCE compose_notes_id_seq TO compose_api;
GRANT USAGE ON SEQUENCE compose_mailbox_id_seq TO compose_api;
