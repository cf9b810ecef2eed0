-- Needs attention at any size (issue 12): which form is in which queue, kept exact by triggers,
-- so a queue's count reads only its own members (an index range on (kind, since)) instead of
-- evaluating the queue's condition over every candidate form. AttentionStore counts and filters
-- the list from this one table, so the panel and the list always agree.
--
-- subject_id is a form's id, except for kind 'order_without_form', where it is the order's id.
-- since is when the queue's clock started, for the queues that depend on time: the threshold
-- (a setting) is applied when counting (since < now - threshold), so changing it rewrites
-- nothing. paid_not_delivered: COALESCE(paid_at, updated_at); stuck_generating: updated_at;
-- preview_wav / preview_mp3: when the oldest preview the customer still needs was made (the
-- queue "preview expiring" is preview_wav older than the WAV retention or preview_mp3 older
-- than the MP3 one). The other kinds have no clock (since is NULL).
CREATE TABLE compose_attention (
  kind TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  since TIMESTAMP,
  PRIMARY KEY (kind, subject_id)
);
-- A count reads a range of (kind, since) in since order, index only (subject_id for the
-- preview count's check of the other kind).
CREATE INDEX idx_compose_attention_since ON compose_attention (kind, since, subject_id);
CREATE INDEX idx_compose_attention_subject ON compose_attention (subject_id);

-- The definition of every kind: the queue conditions of AttentionStore written once over the
-- whole database (tst_attentiontriggers checks that the table equals them). The triggers below
-- evaluate it for one subject at a time (PostgreSQL pushes subject_id = … into every branch).
CREATE VIEW compose_attention_due AS
SELECT 'paid_not_delivered'::text AS kind, f.id AS subject_id,
       COALESCE(f.paid_at, f.updated_at) AS since
  FROM compose_forms f WHERE f.status = 'payment_completed'
UNION ALL
SELECT 'failed_generation', f.id, NULL::timestamp
  FROM compose_forms f
 WHERE f.status IN ('prompts_generated', 'variations_generating', 'variations_ready')
   AND EXISTS (SELECT 1 FROM music_generations g WHERE g.form_id = f.id AND g.status = 'failed'
               AND NOT EXISTS (SELECT 1 FROM music_generations r WHERE r.form_id = g.form_id
                               AND r.song_index = g.song_index
                               AND r.variation_index = g.variation_index
                               AND r.status <> 'failed'))
UNION ALL
SELECT 'stuck_generating', f.id, f.updated_at
  FROM compose_forms f WHERE f.status = 'variations_generating'
UNION ALL
SELECT 'paid_without_webhook', f.id, NULL::timestamp
  FROM compose_forms f
 WHERE EXISTS (SELECT 1 FROM compose_reconciliation_findings x WHERE x.form_id = f.id
               AND x.kind = 'paid_without_webhook' AND x.resolved_at IS NULL)
UNION ALL
SELECT 'duplicate_payment', f.id, NULL::timestamp
  FROM compose_forms f
 WHERE EXISTS (SELECT 1 FROM orders o WHERE o.form_id = f.id AND o.payment_flag = 'duplicate'
               AND o.status = 'paid')
UNION ALL
SELECT 'refund_problem', f.id, NULL::timestamp
  FROM compose_forms f
 WHERE EXISTS (SELECT 1 FROM compose_refunds r WHERE r.form_id = f.id
               AND r.status IN ('pending', 'requires_action', 'failed')
               AND (r.status <> 'failed' OR NOT EXISTS (
                      SELECT 1 FROM compose_refunds r2 WHERE r2.form_id = r.form_id
                         AND r2.created_at > r.created_at
                         AND r2.status NOT IN ('failed', 'canceled'))))
UNION ALL
SELECT p.kind, p.id, p.since FROM (
  SELECT e.kind, f.id,
         (SELECT min(COALESCE(g.completed_at, g.created_at)) FROM music_generations g
           WHERE g.form_id = f.id AND g.status = 'completed'
             AND (g.is_selected OR g.is_paid OR f.status <> 'payment_completed')
             AND COALESCE(lower(g.audio_url_1) LIKE '%.wav', FALSE) = e.wav) AS since
    FROM compose_forms f
   CROSS JOIN (VALUES ('preview_wav'::text, TRUE), ('preview_mp3'::text, FALSE)) e(kind, wav)
   WHERE f.status IN ('variations_ready', 'payment_initiated', 'payment_completed')) p
 WHERE p.since IS NOT NULL
UNION ALL
SELECT 'json_mismatch', f.id, NULL::timestamp
  FROM compose_forms f
 WHERE f.status IN ('variations_generating', 'variations_ready', 'payment_initiated',
                    'payment_completed')
   AND (EXISTS (SELECT 1 FROM music_generations g WHERE g.form_id = f.id
                AND NOT EXISTS (SELECT 1 FROM music_generations n WHERE n.form_id = g.form_id
                                AND n.song_index = g.song_index
                                AND n.variation_index = g.variation_index
                                AND (n.created_at > g.created_at
                                     OR (n.created_at = g.created_at AND n.id > g.id)))
                AND (CASE WHEN jsonb_typeof(f.variation_task_ids) = 'object'
                          THEN f.variation_task_ids -> CAST(g.song_index AS TEXT)
                               ->> (g.variation_index - 1) END) IS DISTINCT FROM g.task_id)
        OR EXISTS (SELECT 1 FROM jsonb_each(CASE WHEN jsonb_typeof(f.variation_task_ids) = 'object'
                                                 THEN f.variation_task_ids ELSE '{}'::jsonb END) e
                   CROSS JOIN LATERAL jsonb_array_elements_text(
                     CASE WHEN jsonb_typeof(e.value) = 'array' THEN e.value ELSE '[]'::jsonb END)
                     t(task)
                   WHERE NOT EXISTS (SELECT 1 FROM music_generations m
                                     WHERE m.task_id = t.task AND m.form_id = f.id)))
UNION ALL
SELECT 'order_mismatch', f.id, NULL::timestamp
  FROM compose_forms f
 WHERE f.status IN ('payment_completed', 'delivered')
   AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.form_id = f.id)
UNION ALL
SELECT 'order_without_form', o.id, NULL::timestamp
  FROM orders o
 WHERE o.form_id IS NULL OR NOT EXISTS (SELECT 1 FROM compose_forms f WHERE f.id = o.form_id);

-- Brings one form's rows in line with the view (and, when a form appears or goes, the orders
-- that name it). Runs at commit (the triggers are deferred) under a per-subject advisory lock:
-- two transactions changing the same form one after the other each recompute from what the
-- other committed, so the table never keeps a state that neither of them left.
CREATE FUNCTION compose_attention_sync_form(p TEXT, with_orders BOOLEAN) RETURNS void AS $$
DECLARE
  o TEXT;
  kinds TEXT[];
  sinces TIMESTAMP[];
  synced TEXT := COALESCE(current_setting('compose.attention_synced', TRUE), '');
BEGIN
  IF p IS NULL THEN
    RETURN;
  END IF;
  -- Once per form and transaction: the triggers run at commit, when nothing of this
  -- transaction changes any more, and the lock taken below keeps other writers of the form
  -- waiting until it commits (they recompute after it).
  IF position(',' || p || ',' IN synced) = 0 THEN
    PERFORM pg_advisory_xact_lock(hashtextextended('compose_attention/' || p, 0));
    -- The view once: what the form's rows must be, then only the differences are written.
    SELECT COALESCE(array_agg(d.kind), '{}'), COALESCE(array_agg(d.since), '{}')
      INTO kinds, sinces
      FROM compose_attention_due d
     WHERE d.subject_id = p AND d.kind <> 'order_without_form';
    DELETE FROM compose_attention a
     WHERE a.subject_id = p AND a.kind <> 'order_without_form'
       AND NOT EXISTS (SELECT 1 FROM unnest(kinds, sinces) w(kind, since)
                        WHERE w.kind = a.kind AND w.since IS NOT DISTINCT FROM a.since);
    INSERT INTO compose_attention(kind, subject_id, since)
    SELECT w.kind, p, w.since FROM unnest(kinds, sinces) w(kind, since)
    ON CONFLICT (kind, subject_id) DO NOTHING;
    PERFORM set_config('compose.attention_synced',
                       CASE WHEN synced = '' THEN ',' ELSE synced END || p || ',', TRUE);
  END IF;
  IF with_orders THEN
    FOR o IN SELECT id FROM orders WHERE form_id = p LOOP
      PERFORM compose_attention_sync_order(o);
    END LOOP;
  END IF;
END $$ LANGUAGE plpgsql;

CREATE FUNCTION compose_attention_sync_order(p TEXT) RETURNS void AS $$
BEGIN
  IF p IS NULL THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('compose_attention_order/' || p, 0));
  DELETE FROM compose_attention a
   WHERE a.kind = 'order_without_form' AND a.subject_id = p
     AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = p AND (o.form_id IS NULL
                     OR NOT EXISTS (SELECT 1 FROM compose_forms f WHERE f.id = o.form_id)));
  INSERT INTO compose_attention(kind, subject_id, since)
  SELECT 'order_without_form', o.id, NULL FROM orders o
   WHERE o.id = p AND (o.form_id IS NULL
                       OR NOT EXISTS (SELECT 1 FROM compose_forms f WHERE f.id = o.form_id))
  ON CONFLICT (kind, subject_id) DO NOTHING;
END $$ LANGUAGE plpgsql;

CREATE FUNCTION compose_attention_track() RETURNS trigger AS $$
BEGIN
  IF TG_TABLE_NAME = 'compose_forms' THEN
    IF TG_OP = 'INSERT' THEN
      PERFORM compose_attention_sync_form(NEW.id, TRUE);
    ELSIF TG_OP = 'DELETE' THEN
      PERFORM compose_attention_sync_form(OLD.id, TRUE);
    ELSE
      PERFORM compose_attention_sync_form(NEW.id, NEW.id IS DISTINCT FROM OLD.id);
      IF NEW.id IS DISTINCT FROM OLD.id THEN
        PERFORM compose_attention_sync_form(OLD.id, TRUE);
      END IF;
    END IF;
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM compose_attention_sync_form(NEW.form_id, FALSE);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM compose_attention_sync_form(OLD.form_id, FALSE);
  ELSE
    PERFORM compose_attention_sync_form(NEW.form_id, FALSE);
    IF NEW.form_id IS DISTINCT FROM OLD.form_id THEN
      PERFORM compose_attention_sync_form(OLD.form_id, FALSE);
    END IF;
  END IF;
  IF TG_TABLE_NAME = 'orders' THEN
    IF TG_OP = 'INSERT' THEN
      PERFORM compose_attention_sync_order(NEW.id);
    ELSIF TG_OP = 'DELETE' THEN
      PERFORM compose_attention_sync_order(OLD.id);
    ELSE
      PERFORM compose_attention_sync_order(NEW.id);
      IF NEW.id IS DISTINCT FROM OLD.id THEN
        PERFORM compose_attention_sync_order(OLD.id);
      END IF;
    END IF;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

-- One-time backfill, then the triggers. Deferred: the rows are computed once per changed row at
-- commit, from what is committed then, whatever order the writer touched the tables in.
INSERT INTO compose_attention(kind, subject_id, since)
SELECT kind, subject_id, since FROM compose_attention_due;

CREATE CONSTRAINT TRIGGER compose_attention_forms AFTER INSERT OR UPDATE OR DELETE
  ON compose_forms DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION compose_attention_track();
-- Updates of columns no queue reads (a generation's lyrics, titles, responses) change nothing.
CREATE CONSTRAINT TRIGGER compose_attention_generations AFTER INSERT OR DELETE
  OR UPDATE OF id, task_id, form_id, song_index, variation_index, status, created_at,
               completed_at, audio_url_1, is_selected, is_paid
  ON music_generations DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION compose_attention_track();
CREATE CONSTRAINT TRIGGER compose_attention_orders AFTER INSERT OR UPDATE OR DELETE
  ON orders DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION compose_attention_track();
CREATE CONSTRAINT TRIGGER compose_attention_refunds AFTER INSERT OR UPDATE OR DELETE
  ON compose_refunds DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION compose_attention_track();
CREATE CONSTRAINT TRIGGER compose_attention_findings AFTER INSERT OR UPDATE OR DELETE
  ON compose_reconciliation_findings DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION compose_attention_track();

-- The triggers write as the caller (compose-api); the dashboard only reads.
GRANT SELECT ON compose_attention TO compose_dashboard;
GRANT SELECT, INSERT, DELETE ON compose_attention TO compose_api;
GRANT SELECT ON compose_attention_due TO compose_api;
