-- The audit log becomes a hash chain (PRODUCT §8): each entry records its position, the hash of
-- the entry before it and its own hash (domain/audit_entry.hpp). The head row is what appenders
-- lock, so entries are chained one after the other. Entries written before this migration stay
-- outside the chain (seq NULL). SQLite dialect; kept line by line parallel to
-- migrations/postgresql/0008_audit_chain.sql.

ALTER TABLE audit_log ADD COLUMN seq INTEGER;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN entry_hash TEXT;
CREATE UNIQUE INDEX audit_log_seq ON audit_log (seq) WHERE seq IS NOT NULL;

CREATE TABLE audit_chain_head (
  id INTEGER PRIMARY KEY,
  seq INTEGER NOT NULL,
  head_hash TEXT NOT NULL
) STRICT;
INSERT INTO audit_chain_head (id, seq, head_hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
