-- Company subscription requests (PRODUCT.md §3): what the requester declared, where the request
-- stands, sealpost's check of the signed approval form (a summary in columns, the full report as
-- JSON), the operator's decision; the legal representatives in declaration order; and the uploaded
-- documents, whose bytes live encrypted in the blob store (address + the document's own wrapped
-- AES-256 key). One request per company: a refused request is corrected and submitted again.
-- SQLite dialect; kept line by line parallel to migrations/postgresql/0010_subscriptions.sql.

CREATE TABLE subscription_requests (
  id TEXT PRIMARY KEY,
  company_account_id TEXT NOT NULL UNIQUE REFERENCES accounts (id),
  enterprise_number TEXT NOT NULL,
  company_name TEXT NOT NULL,
  company_address TEXT NOT NULL,
  requester_account_id TEXT NOT NULL REFERENCES accounts (id),
  language TEXT NOT NULL,
  contact_email TEXT NOT NULL,
  contact_phone TEXT NOT NULL,
  path TEXT NOT NULL,
  state TEXT NOT NULL,
  signature_verdict TEXT NOT NULL,
  signer_name TEXT NOT NULL,
  signer_national_number TEXT NOT NULL,
  signed_at INTEGER,
  matched_representative INTEGER,
  signature_report TEXT NOT NULL,
  refusal_reason TEXT NOT NULL,
  reviewed_by TEXT REFERENCES accounts (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  submitted_at INTEGER,
  decided_at INTEGER
) STRICT;
CREATE INDEX subscription_requests_state ON subscription_requests (state, submitted_at);

CREATE TABLE subscription_representatives (
  request_id TEXT NOT NULL REFERENCES subscription_requests (id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  national_number TEXT,
  PRIMARY KEY (request_id, position)
) STRICT;

CREATE TABLE subscription_documents (
  id TEXT PRIMARY KEY,
  request_id TEXT NOT NULL REFERENCES subscription_requests (id),
  kind TEXT NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  blob_address TEXT NOT NULL,
  wrapped_key TEXT NOT NULL,
  uploaded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX subscription_documents_request ON subscription_documents (request_id, uploaded_at);
