-- Company members and invitations, operators, the audit log, the mail outbox, and the account a
-- web session acts for. SQLite dialect; kept line by line parallel to
-- migrations/postgresql/0003_members.sql.
-- Roles are space-separated role names in a fixed order (domain/membership.hpp).

ALTER TABLE sessions ADD COLUMN acting_account_id TEXT REFERENCES accounts (id);

CREATE TABLE memberships (
  company_account_id TEXT NOT NULL REFERENCES accounts (id),
  person_account_id TEXT NOT NULL REFERENCES accounts (id),
  roles TEXT NOT NULL,
  joined_at INTEGER NOT NULL,
  added_by TEXT NOT NULL,
  PRIMARY KEY (company_account_id, person_account_id)
) STRICT;
CREATE INDEX memberships_person ON memberships (person_account_id, joined_at);

CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  company_account_id TEXT NOT NULL REFERENCES accounts (id),
  email TEXT NOT NULL,
  roles TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  invited_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  accepted_at INTEGER,
  accepted_by TEXT REFERENCES accounts (id),
  revoked_at INTEGER
) STRICT;
CREATE INDEX invitations_company ON invitations (company_account_id, created_at);

CREATE TABLE operators (
  account_id TEXT PRIMARY KEY REFERENCES accounts (id),
  granted_at INTEGER NOT NULL,
  granted_by TEXT NOT NULL
) STRICT;

CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_account_id TEXT NOT NULL,
  actor TEXT NOT NULL,
  account_id TEXT NOT NULL,
  action TEXT NOT NULL,
  details TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX audit_log_account ON audit_log (account_id, at);

CREATE TABLE mail_outbox (
  id TEXT PRIMARY KEY,
  template_name TEXT NOT NULL,
  to_address TEXT NOT NULL,
  to_name TEXT NOT NULL,
  locale TEXT NOT NULL,
  args TEXT NOT NULL,
  delivery_id TEXT,
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  sent_at INTEGER,
  failed_at INTEGER,
  last_error TEXT NOT NULL
) STRICT;
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at)
  WHERE sent_at IS NULL AND failed_at IS NULL;
