-- The recipient procedures (PRODUCT §4.2): the language a recipient is written to, the single-use
-- link of a recipient who is not registered (its SHA-256 to find it, and the token sealed with the
-- item key for the reminders), when they were notified, and when
-- the next reminder is due; the sender's language for the e-mails about an item. PostgreSQL dialect;
-- kept line by line parallel to migrations/sqlite/0004_recipient_procedures.sql.

ALTER TABLE items ADD COLUMN language TEXT NOT NULL DEFAULT 'nl';

ALTER TABLE deliveries ADD COLUMN language TEXT NOT NULL DEFAULT 'nl';
ALTER TABLE deliveries ADD COLUMN link_token_hash TEXT;
ALTER TABLE deliveries ADD COLUMN link_token_sealed TEXT;
ALTER TABLE deliveries ADD COLUMN notified_at BIGINT;
ALTER TABLE deliveries ADD COLUMN reminders_sent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE deliveries ADD COLUMN next_reminder_at BIGINT;
CREATE UNIQUE INDEX deliveries_link_token ON deliveries (link_token_hash)
  WHERE link_token_hash IS NOT NULL;
CREATE INDEX deliveries_next_reminder ON deliveries (next_reminder_at)
  WHERE next_reminder_at IS NOT NULL;
