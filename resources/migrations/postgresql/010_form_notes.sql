-- Internal notes on a form (issue 13): written by compose-api's audited staff action
-- POST /api/admin/forms/{formId}/notes, read by the dashboard for the form's history.
-- The list and customer searches of issue 13 need no new index: share slugs (UNIQUE), order ids
-- (PRIMARY KEY), user_id, lower(guest_email) and lower("user".email) are indexed by 001/003.
CREATE TABLE compose_notes (
  id BIGSERIAL PRIMARY KEY,
  form_id TEXT NOT NULL REFERENCES compose_forms(id),
  staff_id INTEGER REFERENCES compose_staff(id),
  staff_name TEXT NOT NULL,
  body TEXT NOT NULL CHECK (char_length(body) BETWEEN 1 AND 2000),
  created_at TIMESTAMP NOT NULL DEFAULT (NOW() AT TIME ZONE 'UTC')
);
CREATE INDEX idx_compose_notes_form ON compose_notes(form_id, id);
