-- Webhooks (PRODUCT §7): endpoints an account registers, the deliveries of evidence events to them
-- (a durable queue, like mail_outbox) and every attempt made. The fan-out job remembers the last
-- evidence log index it turned into deliveries in webhook_cursor, moved in the same transaction as
-- the deliveries it creates; it starts at the end of the log (events from now on). Signing secrets
-- are stored encrypted (AES-256-GCM under a key wrapped by the master key). PostgreSQL dialect; kept
-- line by line parallel to migrations/sqlite/0009_webhooks.sql.

CREATE TABLE webhook_endpoints (
  id TEXT COLLATE "C" PRIMARY KEY,
  account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts (id),
  url TEXT NOT NULL,
  description TEXT NOT NULL,
  wrapped_key TEXT NOT NULL,
  secret TEXT NOT NULL,
  previous_secret TEXT,
  previous_secret_until BIGINT,
  created_at BIGINT NOT NULL,
  deleted_at BIGINT
);
CREATE INDEX webhook_endpoints_account ON webhook_endpoints (account_id, created_at, id);

CREATE TABLE webhook_deliveries (
  id TEXT COLLATE "C" PRIMARY KEY,
  endpoint_id TEXT COLLATE "C" NOT NULL REFERENCES webhook_endpoints (id),
  event_id TEXT NOT NULL,
  event_name TEXT NOT NULL,
  evidence_id TEXT,
  body TEXT NOT NULL,
  replay_of TEXT,
  created_at BIGINT NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL,
  delivered_at BIGINT,
  failed_at BIGINT,
  last_status INTEGER,
  last_error TEXT NOT NULL
);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at, id);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
  WHERE delivered_at IS NULL AND failed_at IS NULL;

CREATE TABLE webhook_attempts (
  delivery_id TEXT COLLATE "C" NOT NULL REFERENCES webhook_deliveries (id),
  number INTEGER NOT NULL,
  attempted_at BIGINT NOT NULL,
  status_code INTEGER,
  error TEXT NOT NULL,
  duration_ms INTEGER NOT NULL,
  PRIMARY KEY (delivery_id, number)
);

CREATE TABLE webhook_cursor (
  id INTEGER PRIMARY KEY,
  leaf_index BIGINT NOT NULL
);
INSERT INTO webhook_cursor (id, leaf_index)
  SELECT 1, COALESCE(MAX(idx), -1) FROM log_leaves;
