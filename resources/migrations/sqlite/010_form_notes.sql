-- Same table as PostgreSQL's 010 in SQLite's dialect.
CREATE TABLE compose_notes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  form_id TEXT NOT NULL REFERENCES compose_forms(id),
  staff_id INTEGER REFERENCES compose_staff(id),
  staff_name TEXT NOT NULL,
  body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);
CREATE INDEX idx_compose_notes_form ON compose_notes(form_id, id);
