-- Web sessions and the last use of API keys, SQLite dialect. Kept line by line parallel to
-- migrations/postgresql/0002_sessions.sql.
-- A session row is keyed by the SHA-256 of the cookie secret; the secret is never stored. The
-- pending_* columns hold the OpenID Connect flow in progress (the state only as a hash) and are
-- NULL outside it.

ALTER TABLE api_keys ADD COLUMN last_used_at INTEGER;

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  account_id TEXT REFERENCES accounts (id),
  locale TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  pending_provider TEXT,
  pending_state_hash TEXT,
  pending_nonce TEXT,
  pending_code_verifier TEXT,
  pending_redirect_uri TEXT,
  pending_started_at INTEGER,
  auth_provider TEXT NOT NULL,
  auth_acr TEXT NOT NULL,
  auth_assurance_level TEXT NOT NULL,
  authenticated_at INTEGER,
  failed_sign_ins INTEGER NOT NULL,
  failed_since INTEGER,
  version INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_expires_at ON sessions (expires_at);
CREATE INDEX sessions_last_seen_at ON sessions (last_seen_at);
CREATE INDEX sessions_account ON sessions (account_id);
