-- Registered recipients (PRODUCT §4.2 A): the e-mail addresses a person or company confirmed by a
-- link, and who asked. A verified address routes items to the account like its main address; the
-- standing consent itself stays in consents. SQLite dialect; kept line by line parallel to
-- migrations/postgresql/0005_recipient_registration.sql.

CREATE TABLE recipient_addresses (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  email TEXT NOT NULL,
  email_key TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  requested_by_account_id TEXT NOT NULL REFERENCES accounts (id),
  requested_by TEXT NOT NULL,
  locale TEXT NOT NULL,
  requested_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  verified_at INTEGER,
  removed_at INTEGER
) STRICT;
CREATE INDEX recipient_addresses_account ON recipient_addresses (account_id, requested_at);
CREATE INDEX recipient_addresses_email ON recipient_addresses (email_key)
  WHERE verified_at IS NOT NULL AND removed_at IS NULL;

-- When a person last looked at the events of the items an account sent (the "new" marker of the
-- in-app notifications), per account they act for.
CREATE TABLE events_seen (
  person_account_id TEXT NOT NULL REFERENCES accounts (id),
  account_id TEXT NOT NULL REFERENCES accounts (id),
  seen_at INTEGER NOT NULL,
  PRIMARY KEY (person_account_id, account_id)
) STRICT;
