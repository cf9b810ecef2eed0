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
-- evaluate it for one subject at a time.
CREATE VIEW compose_attention_due AS
SELECT 'paid_not_delivered' AS kind, f.id AS subject_id, COALESCE(f.paid_at, f.updated_at) AS since
  FROM compose_forms f WHERE f.status = 'payment_completed'
UNION ALL
SELECT 'failed_generation', f.id, NULL
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
SELECT 'paid_without_webhook', f.id, NULL
  FROM compose_forms f
 WHERE EXISTS (SELECT 1 FROM compose_reconciliation_findings x WHERE x.form_id = f.id
               AND x.kind = 'paid_without_webhook' AND x.resolved_at IS NULL)
UNION ALL
SELECT 'duplicate_payment', f.id, NULL
  FROM compose_forms f
 WHERE EXISTS (SELECT 1 FROM orders o WHERE o.form_id = f.id AND o.payment_flag = 'duplicate'
               AND o.status = 'paid')
UNION ALL
SELECT 'refund_problem', f.id, NULL
  FROM compose_forms f
 WHERE EXISTS (SELECT 1 FROM compose_refunds r WHERE r.form_id = f.id
               AND r.status IN ('pending', 'requires_action', 'failed')
               AND (r.status <> 'failed' OR NOT EXISTS (
                      SELECT 1 FROM compose_refunds r2 WHERE r2.form_id = r.form_id
                         AND r2.created_at > r.created_at
                         AND r2.status NOT IN ('failed', 'canceled'))))
UNION ALL
SELECT p.kind, p.id, p.since FROM (
  SELECT e.kind AS kind, f.id AS id,
         (SELECT min(COALESCE(g.completed_at, g.created_at)) FROM music_generations g
           WHERE g.form_id = f.id AND g.status = 'completed'
             AND (g.is_selected OR g.is_paid OR f.status <> 'payment_completed')
             AND COALESCE(lower(g.audio_url_1) LIKE '%.wav', 0) = e.wav) AS since
    FROM compose_forms f
   CROSS JOIN (SELECT 'preview_wav' AS kind, 1 AS wav UNION ALL SELECT 'preview_mp3', 0) e
   WHERE f.status IN ('variations_ready', 'payment_initiated', 'payment_completed')) p
 WHERE p.since IS NOT NULL
UNION ALL
SELECT 'json_mismatch', f.id, NULL
  FROM compose_forms f
 WHERE f.status IN ('variations_generating', 'variations_ready', 'payment_initiated',
                    'payment_completed')
   AND (EXISTS (SELECT 1 FROM music_generations g WHERE g.form_id = f.id
                AND NOT EXISTS (SELECT 1 FROM music_generations n WHERE n.form_id = g.form_id
                                AND n.song_index = g.song_index
                                AND n.variation_index = g.variation_index
                                AND (n.created_at > g.created_at
                                     OR (n.created_at = g.created_at AND n.id > g.id)))
                AND (CASE WHEN json_valid(f.variation_task_ids)
                               AND json_type(f.variation_task_ids) = 'object'
                          THEN json_extract(f.variation_task_ids, '$."' || g.song_index || '"['
                                            || (g.variation_index - 1) || ']') END)
                    IS NOT g.task_id)
        OR EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(f.variation_task_ids)
                                                     AND json_type(f.variation_task_ids) = 'object'
                                                THEN f.variation_task_ids ELSE '{}' END) e,
                          json_each(CASE WHEN e.type = 'array' THEN e.value ELSE '[]' END) t
                   WHERE NOT EXISTS (SELECT 1 FROM music_generations m
                                     WHERE m.task_id = t.value AND m.form_id = f.id)))
UNION ALL
SELECT 'order_mismatch', f.id, NULL
  FROM compose_forms f
 WHERE f.status IN ('payment_completed', 'delivered')
   AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.form_id = f.id)
UNION ALL
SELECT 'order_without_form', o.id, NULL
  FROM orders o
 WHERE o.form_id IS NULL OR NOT EXISTS (SELECT 1 FROM compose_forms f WHERE f.id = o.form_id);

-- SQLite has one writer at a time: the triggers recompute the changed subject straight away.
-- A subject's rows are dropped and written again from the view (the demo's tables are small).
INSERT INTO compose_attention(kind, subject_id, since)
SELECT kind, subject_id, since FROM compose_attention_due;

CREATE TRIGGER compose_attention_forms_insert AFTER INSERT ON compose_forms
BEGIN
  DELETE FROM compose_attention WHERE subject_id = NEW.id AND kind <> 'order_without_form';
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE subject_id = NEW.id AND kind <> 'order_without_form';
  DELETE FROM compose_attention WHERE kind = 'order_without_form' AND subject_id IN (SELECT id FROM orders WHERE form_id = NEW.id);
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE kind = 'order_without_form' AND subject_id IN (SELECT id FROM orders WHERE form_id = NEW.id);
END;

CREATE TRIGGER compose_attention_forms_update AFTER UPDATE ON compose_forms
BEGIN
  DELETE FROM compose_attention WHERE subject_id = NEW.id AND kind <> 'order_without_form';
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE subject_id = NEW.id AND kind <> 'order_without_form';
  DELETE FROM compose_attention WHERE subject_id = OLD.id AND kind <> 'order_without_form';
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE subject_id = OLD.id AND kind <> 'order_without_form';
  DELETE FROM compose_attention WHERE kind = 'order_without_form' AND subject_id IN (SELECT id FROM orders WHERE NEW.id IS NOT OLD.id AND form_id IN (NEW.id, OLD.id));
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE kind = 'order_without_form' AND subject_id IN (SELECT id FROM orders WHERE NEW.id IS NOT OLD.id AND form_id IN (NEW.id, OLD.id));
END;

CREATE TRIGGER compose_attention_forms_delete AFTER DELETE ON compose_forms
BEGIN
  DELETE FROM compose_attention WHERE subject_id = OLD.id AND kind <> 'order_without_form';
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE subject_id = OLD.id AND kind <> 'order_without_form';
  DELETE FROM compose_attention WHERE kind = 'order_without_form' AND subject_id IN (SELECT id FROM orders WHERE form_id = OLD.id);
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE kind = 'order_without_form' AND subject_id IN (SELECT id FROM orders WHERE form_id = OLD.id);
END;

CREATE TRIGGER compose_attention_generations_insert AFTER INSERT ON music_generations
BEGIN
  DELETE FROM compose_attention WHERE subject_id = NEW.form_id AND kind <> 'order_without_form';
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE subject_id = NEW.form_id AND kind <> 'order_without_form';
END;

CREATE TRIGGER compose_attention_generations_update AFTER UPDATE ON music_generations
BEGIN
  DELETE FROM compose_attention WHERE subject_id = NEW.form_id AND kind <> 'order_without_form';
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE subject_id = NEW.form_id AND kind <> 'order_without_form';
  DELETE FROM compose_attention WHERE subject_id = OLD.form_id AND kind <> 'order_without_form';
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE subject_id = OLD.form_id AND kind <> 'order_without_form';
END;

CREATE TRIGGER compose_attention_generations_delete AFTER DELETE ON music_generations
BEGIN
  DELETE FROM compose_attention WHERE subject_id = OLD.form_id AND kind <> 'order_without_form';
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE subject_id = OLD.form_id AND kind <> 'order_without_form';
END;

CREATE TRIGGER compose_attention_orders_insert AFTER INSERT ON orders
BEGIN
  DELETE FROM compose_attention WHERE subject_id = NEW.form_id AND kind <> 'order_without_form';
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE subject_id = NEW.form_id AND kind <> 'order_without_form';
  DELETE FROM compose_attention WHERE kind = 'order_without_form' AND subject_id IN (NEW.id);
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE kind = 'order_without_form' AND subject_id IN (NEW.id);
END;

CREATE TRIGGER compose_attention_orders_update AFTER UPDATE ON orders
BEGIN
  DELETE FROM compose_attention WHERE subject_id = NEW.form_id AND kind <> 'order_without_form';
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE subject_id = NEW.form_id AND kind <> 'order_without_form';
  DELETE FROM compose_attention WHERE subject_id = OLD.form_id AND kind <> 'order_without_form';
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE subject_id = OLD.form_id AND kind <> 'order_without_form';
  DELETE FROM compose_attention WHERE kind = 'order_without_form' AND subject_id IN (NEW.id, OLD.id);
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE kind = 'order_without_form' AND subject_id IN (NEW.id, OLD.id);
END;

CREATE TRIGGER compose_attention_orders_delete AFTER DELETE ON orders
BEGIN
  DELETE FROM compose_attention WHERE subject_id = OLD.form_id AND kind <> 'order_without_form';
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE subject_id = OLD.form_id AND kind <> 'order_without_form';
  DELETE FROM compose_attention WHERE kind = 'order_without_form' AND subject_id IN (OLD.id);
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE kind = 'order_without_form' AND subject_id IN (OLD.id);
END;

CREATE TRIGGER compose_attention_refunds_insert AFTER INSERT ON compose_refunds
BEGIN
  DELETE FROM compose_attention WHERE subject_id = NEW.form_id AND kind <> 'order_without_form';
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE subject_id = NEW.form_id AND kind <> 'order_without_form';
END;

CREATE TRIGGER compose_attention_refunds_update AFTER UPDATE ON compose_refunds
BEGIN
  DELETE FROM compose_attention WHERE subject_id = NEW.form_id AND kind <> 'order_without_form';
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE subject_id = NEW.form_id AND kind <> 'order_without_form';
  DELETE FROM compose_attention WHERE subject_id = OLD.form_id AND kind <> 'order_without_form';
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE subject_id = OLD.form_id AND kind <> 'order_without_form';
END;

CREATE TRIGGER compose_attention_refunds_delete AFTER DELETE ON compose_refunds
BEGIN
  DELETE FROM compose_attention WHERE subject_id = OLD.form_id AND kind <> 'order_without_form';
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE subject_id = OLD.form_id AND kind <> 'order_without_form';
END;

CREATE TRIGGER compose_attention_findings_insert AFTER INSERT ON compose_reconciliation_findings
BEGIN
  DELETE FROM compose_attention WHERE subject_id = NEW.form_id AND kind <> 'order_without_form';
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE subject_id = NEW.form_id AND kind <> 'order_without_form';
END;

CREATE TRIGGER compose_attention_findings_update AFTER UPDATE ON compose_reconciliation_findings
BEGIN
  DELETE FROM compose_attention WHERE subject_id = NEW.form_id AND kind <> 'order_without_form';
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE subject_id = NEW.form_id AND kind <> 'order_without_form';
  DELETE FROM compose_attention WHERE subject_id = OLD.form_id AND kind <> 'order_without_form';
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE subject_id = OLD.form_id AND kind <> 'order_without_form';
END;

CREATE TRIGGER compose_attention_findings_delete AFTER DELETE ON compose_reconciliation_findings
BEGIN
  DELETE FROM compose_attention WHERE subject_id = OLD.form_id AND kind <> 'order_without_form';
  INSERT OR IGNORE INTO compose_attention(kind, subject_id, since)
    SELECT kind, subject_id, since FROM compose_attention_due
     WHERE subject_id = OLD.form_id AND kind <> 'order_without_form';
END;
