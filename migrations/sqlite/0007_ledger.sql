-- The billing ledger (PRODUCT §6): immutable journal entries and their postings in integer cents,
-- the cached balance of every ledger account (kept by the same transaction as the postings, and
-- checked against the journal by `sealpost admin check-ledger`), the billing plans an operator
-- sets, and the top-ups of the payment flow. SQLite dialect; kept line by line parallel to
-- migrations/postgresql/0007_ledger.sql.

-- The id is the transfer id (domain/ledger_entry.hpp): a replayed webhook inserts nothing new.
CREATE TABLE ledger_entries (
  id TEXT PRIMARY KEY,
  at INTEGER NOT NULL,
  description TEXT NOT NULL,
  reference TEXT NOT NULL
) STRICT;

-- Signed cents: > 0 debit, < 0 credit; the postings of an entry sum to zero. seq orders the
-- movements of an account (newest first) and is their pagination cursor.
CREATE TABLE ledger_postings (
  seq INTEGER PRIMARY KEY,
  entry_id TEXT NOT NULL REFERENCES ledger_entries (id),
  position INTEGER NOT NULL,
  account_key TEXT NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents <> 0),
  UNIQUE (entry_id, position)
) STRICT;
CREATE INDEX ledger_postings_account ON ledger_postings (account_key, seq);

-- The balance on the account's normal side; a prepaid balance can never be negative.
CREATE TABLE ledger_balances (
  account_key TEXT PRIMARY KEY,
  balance_cents INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (account_key NOT LIKE 'customer_prepaid:%' OR balance_cents >= 0)
) STRICT;

-- A negotiated billing plan (set by an operator); an account without one pays prepaid at the
-- configured prices.
CREATE TABLE billing_plans (
  account_id TEXT PRIMARY KEY REFERENCES accounts (id),
  mode TEXT NOT NULL CHECK (mode IN ('prepaid', 'postpaid')),
  credit_limit_cents INTEGER NOT NULL CHECK (credit_limit_cents >= 0),
  invoicing TEXT NOT NULL CHECK (invoicing IN ('monthly')),
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;

-- The plan's own unit prices per channel ("electronic", "paper"), net of VAT.
CREATE TABLE billing_plan_prices (
  account_id TEXT NOT NULL REFERENCES billing_plans (account_id),
  channel TEXT NOT NULL,
  net_cents INTEGER NOT NULL CHECK (net_cents >= 0),
  PRIMARY KEY (account_id, channel)
) STRICT;

-- A top-up from its creation at the payment provider to its outcome; credited by a journal entry
-- (TopUpPaidEntry) once the provider confirms it.
CREATE TABLE top_ups (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  provider TEXT NOT NULL,
  provider_payment_id TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'paid', 'failed', 'canceled', 'expired')),
  created_at INTEGER NOT NULL,
  paid_at INTEGER,
  UNIQUE (provider, provider_payment_id)
) STRICT;
CREATE INDEX top_ups_account ON top_ups (account_id, created_at);
