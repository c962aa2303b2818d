// Generated from migrations/sqlite/*.sql (keep identical: tests/contract/migrations_test.cpp
// checks).
#include "adapters/storage/migrations.hpp"

namespace sealpost::adapters::storage {

namespace {

constexpr std::string_view kSqlite0001 =
    R"sql(-- sealpost core schema, SQLite dialect. Forward-only: never edit a migration once released, add one.
-- Kept line by line parallel to migrations/postgresql/0001_core.sql; the dialects differ only in
-- column types (STRICT tables take INTEGER, PostgreSQL takes BIGINT) and in the "C" collation that
-- PostgreSQL needs for ids to sort bytewise like SQLite does.
-- Times are BIGINT microseconds since the Unix epoch (UTC); binary values are hex or base64 TEXT.
-- Empty optional identifiers are NULL so that the partial unique indexes ignore them.

CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  display_name TEXT NOT NULL,
  given_names TEXT NOT NULL,
  family_name TEXT NOT NULL,
  email TEXT NOT NULL,
  email_key TEXT NOT NULL,
  enterprise_number TEXT,
  national_number TEXT,
  assurance_level TEXT NOT NULL,
  authentication_method TEXT NOT NULL,
  can_send INTEGER NOT NULL CHECK (can_send IN (0, 1)),
  created_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX accounts_enterprise_number ON accounts (enterprise_number)
  WHERE enterprise_number IS NOT NULL;
CREATE UNIQUE INDEX accounts_national_number ON accounts (national_number)
  WHERE national_number IS NOT NULL;
CREATE INDEX accounts_email_key ON accounts (email_key, created_at);

CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  label TEXT NOT NULL,
  prefix TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  scopes TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
) STRICT;
CREATE UNIQUE INDEX api_keys_secret_hash ON api_keys (secret_hash);
CREATE INDEX api_keys_account ON api_keys (account_id, created_at);

CREATE TABLE consents (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  scope TEXT NOT NULL,
  identity TEXT NOT NULL,
  given_at INTEGER NOT NULL,
  revoked_at INTEGER
) STRICT;
CREATE INDEX consents_account ON consents (account_id, given_at);

CREATE TABLE items (
  id TEXT PRIMARY KEY,
  sender_account_id TEXT NOT NULL REFERENCES accounts (id),
  subject TEXT NOT NULL,
  message TEXT NOT NULL,
  status TEXT NOT NULL,
  wrapped_key TEXT NOT NULL,
  submitted_at INTEGER NOT NULL
) STRICT;
CREATE INDEX items_sender_submitted ON items (sender_account_id, submitted_at, id);

CREATE TABLE attachments (
  id TEXT PRIMARY KEY,
  item_id TEXT NOT NULL REFERENCES items (id),
  position INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  blob_address TEXT NOT NULL,
  UNIQUE (item_id, position)
) STRICT;

CREATE TABLE deliveries (
  id TEXT PRIMARY KEY,
  item_id TEXT NOT NULL REFERENCES items (id),
  position INTEGER NOT NULL,
  recipient_email TEXT NOT NULL,
  recipient_name TEXT NOT NULL,
  recipient_enterprise_number TEXT NOT NULL,
  recipient_national_number TEXT NOT NULL,
  recipient_account_id TEXT REFERENCES accounts (id),
  state TEXT NOT NULL,
  state_changed_at INTEGER NOT NULL,
  deadline INTEGER,
  version INTEGER NOT NULL,
  UNIQUE (item_id, position)
) STRICT;
CREATE INDEX deliveries_item ON deliveries (item_id);
CREATE INDEX deliveries_recipient_account ON deliveries (recipient_account_id);
-- Final states clear nothing by themselves, so the deadline scan also filters on state.
CREATE INDEX deliveries_deadline ON deliveries (deadline)
  WHERE deadline IS NOT NULL;

CREATE TABLE evidence (
  id TEXT PRIMARY KEY,
  item_id TEXT NOT NULL REFERENCES items (id),
  delivery_id TEXT REFERENCES deliveries (id),
  event TEXT NOT NULL,
  reason_code TEXT NOT NULL,
  event_time INTEGER NOT NULL,
  sealed_xml TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  leaf_index INTEGER NOT NULL
) STRICT;
CREATE INDEX evidence_item ON evidence (item_id, leaf_index);
CREATE INDEX evidence_delivery ON evidence (delivery_id);
CREATE UNIQUE INDEX evidence_leaf_index ON evidence (leaf_index)
  WHERE leaf_index >= 0;

-- The Merkle log: leaf idx is the leaf hash (hex) of evidence_id's leaf record. The foreign key is
-- checked at commit so that a use case may append the leaf before or after inserting the evidence.
CREATE TABLE log_leaves (
  idx INTEGER PRIMARY KEY,
  leaf_hash TEXT NOT NULL,
  evidence_id TEXT NOT NULL UNIQUE REFERENCES evidence (id) DEFERRABLE INITIALLY DEFERRED
) STRICT;

CREATE TABLE checkpoints (
  size INTEGER PRIMARY KEY,
  root_hex TEXT NOT NULL,
  signed_note TEXT NOT NULL,
  timestamp_token TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
)sql";

}  // namespace

const std::vector<Migration>& SqliteMigrations() {
  static const std::vector<Migration> kMigrations{{1, "0001_core.sql", kSqlite0001}};
  return kMigrations;
}

}  // namespace sealpost::adapters::storage
