-- Same tables as PostgreSQL's 008 in SQLite's dialect (partial indexes work the same).
CREATE TABLE IF NOT EXISTS compose_reconciliation_findings (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  form_id TEXT,
  stripe_object_id TEXT NOT NULL,
  payment_intent TEXT,
  detail TEXT NOT NULL,
  found_at TIMESTAMP NOT NULL,
  resolved_at TIMESTAMP,
  resolution TEXT CHECK (resolution IN ('applied', 'dismissed')),
  resolved_by TEXT,
  note TEXT,
  UNIQUE (kind, stripe_object_id)
);
CREATE INDEX IF NOT EXISTS idx_compose_findings_open_form
  ON compose_reconciliation_findings(form_id, id) WHERE resolved_at IS NULL;
CREATE INDEX IF NOT EXISTS idx_compose_findings_open
  ON compose_reconciliation_findings(id) WHERE resolved_at IS NULL;
CREATE INDEX IF NOT EXISTS idx_compose_findings_intent
  ON compose_reconciliation_findings(payment_intent) WHERE payment_intent IS NOT NULL;

CREATE TABLE IF NOT EXISTS compose_reconciliation_cursors (
  object_type TEXT PRIMARY KEY,
  created_gte INTEGER NOT NULL DEFAULT 0,
  resume_after TEXT,
  high_water INTEGER,
  updated_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);

CREATE TABLE IF NOT EXISTS compose_reconciliation_lease (
  name TEXT PRIMARY KEY,
  owner TEXT,
  lease_until TIMESTAMP,
  last_pass_at TIMESTAMP
);
INSERT OR IGNORE INTO compose_reconciliation_lease(name) VALUES ('stripe');
