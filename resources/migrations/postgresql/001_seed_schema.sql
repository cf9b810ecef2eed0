-- The shop's schema exactly as its data-flow audit gives it, made valid PostgreSQL:
-- "user" is a reserved word and must be quoted. Nothing of ours is in this file, so a database
-- that only ever ran the shop's own migration looks exactly like one at version 1.
CREATE TABLE IF NOT EXISTS "user" (
  id TEXT PRIMARY KEY,
  email TEXT,
  name TEXT,
  credits INTEGER DEFAULT 0
);

CREATE TABLE IF NOT EXISTS music_generations (
  id TEXT PRIMARY KEY,
  task_id TEXT UNIQUE NOT NULL,
  recipient TEXT,
  relationship TEXT,
  tone TEXT,
  vibe TEXT,
  style TEXT,
  story TEXT,
  personalization TEXT,
  length TEXT,
  include_name TEXT,
  generated_prompt TEXT,
  custom_message TEXT,
  custom_title TEXT,
  conversion_id_1 TEXT,
  conversion_id_2 TEXT,
  status VARCHAR(50) DEFAULT 'pending',
  audio_url_1 TEXT,
  audio_url_2 TEXT,
  audio_url_wav_1 TEXT,
  audio_url_wav_2 TEXT,
  share_slug_v1 TEXT UNIQUE,
  share_slug_v2 TEXT UNIQUE,
  title_1 TEXT,
  title_2 TEXT,
  lyrics_1 TEXT,
  lyrics_2 TEXT,
  lyrics_timestamped_1 TEXT,
  lyrics_timestamped_2 TEXT,
  duration_1 INTEGER,
  duration_2 INTEGER,
  album_cover_url TEXT,
  musicgpt_response JSONB,
  status_response JSONB,
  created_at TIMESTAMP DEFAULT NOW(),
  updated_at TIMESTAMP DEFAULT NOW(),
  completed_at TIMESTAMP,
  user_id TEXT REFERENCES "user"(id)
);

CREATE TABLE IF NOT EXISTS orders (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES "user"(id),
  amount INTEGER NOT NULL,
  currency TEXT DEFAULT 'usd',
  status VARCHAR(50) NOT NULL,
  credits INTEGER NOT NULL,
  stripe_session_id TEXT UNIQUE,
  package_id TEXT,
  created_at TIMESTAMP DEFAULT NOW(),
  updated_at TIMESTAMP DEFAULT NOW()
);

CREATE TABLE IF NOT EXISTS compose_forms (
  id TEXT PRIMARY KEY,
  package_type VARCHAR(50) NOT NULL,
  song_count INTEGER NOT NULL,
  form_data JSONB NOT NULL,
  generated_prompts JSONB NOT NULL,
  variation_task_ids JSONB,
  variation_audio_urls JSONB,
  selected_variations JSONB,
  status VARCHAR(50) NOT NULL DEFAULT 'created',
  stripe_session_id TEXT,
  stripe_payment_intent_id TEXT,
  amount_paid INTEGER,
  paid_at TIMESTAMP,
  user_id TEXT REFERENCES "user"(id),
  guest_email TEXT,
  created_at TIMESTAMP DEFAULT NOW(),
  updated_at TIMESTAMP DEFAULT NOW(),
  expires_at TIMESTAMP,
  CONSTRAINT user_or_guest CHECK (user_id IS NOT NULL OR guest_email IS NOT NULL)
);

CREATE INDEX IF NOT EXISTS idx_compose_forms_user_id ON compose_forms(user_id);
CREATE INDEX IF NOT EXISTS idx_compose_forms_status ON compose_forms(status);
CREATE INDEX IF NOT EXISTS idx_compose_forms_stripe_session ON compose_forms(stripe_session_id);

ALTER TABLE music_generations
  ADD COLUMN IF NOT EXISTS form_id TEXT REFERENCES compose_forms(id),
  ADD COLUMN IF NOT EXISTS variation_index INTEGER,
  ADD COLUMN IF NOT EXISTS song_index INTEGER,
  ADD COLUMN IF NOT EXISTS is_preview BOOLEAN DEFAULT FALSE,
  ADD COLUMN IF NOT EXISTS is_selected BOOLEAN DEFAULT FALSE,
  ADD COLUMN IF NOT EXISTS is_paid BOOLEAN DEFAULT FALSE,
  ADD COLUMN IF NOT EXISTS share_enabled BOOLEAN DEFAULT FALSE;

CREATE INDEX IF NOT EXISTS idx_music_generations_form_id ON music_generations(form_id);

ALTER TABLE orders
  ALTER COLUMN user_id DROP NOT NULL,
  ADD COLUMN IF NOT EXISTS form_id TEXT REFERENCES compose_forms(id),
  ADD COLUMN IF NOT EXISTS guest_email TEXT;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'user_or_guest'
                 AND conrelid = 'orders'::regclass) THEN
    ALTER TABLE orders ADD CONSTRAINT user_or_guest
      CHECK (user_id IS NOT NULL OR guest_email IS NOT NULL);
  END IF;
END $$;
