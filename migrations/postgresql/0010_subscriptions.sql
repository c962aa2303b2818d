-- Company subscription requests (PRODUCT.md §3): what the requester declared, where the request
-- stands, sealpost's check of the signed approval form (a summary in columns, the full report as
-- JSON), the operator's decision; the legal representatives in declaration order; and the uploaded
-- documents, whose bytes live encrypted in the blob store (address + the document's own wrapped
-- AES-256 key). One request per company: a refused request is corrected and submitted again.
-- PostgreSQL dialect; kept line by line parallel to migrations/sqlite/0010_subscriptions.sql.

CREATE TABLE subscription_requests (
  id TEXT COLLATE "C" PRIMARY KEY,
  company_account_id TEXT COLLATE "C" NOT NULL UNIQUE REFERENCES accounts (id),
  enterprise_number TEXT NOT NULL,
  company_name TEXT NOT NULL,
  company_address TEXT NOT NULL,
  requester_account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts (id),
  language TEXT NOT NULL,
  contact_email TEXT NOT NULL,
  contact_phone TEXT NOT NULL,
  path TEXT NOT NULL,
  state TEXT NOT NULL,
  signature_verdict TEXT NOT NULL,
  signer_name TEXT NOT NULL,
  signer_national_number TEXT NOT NULL,
  signed_at BIGINT,
  matched_representative INTEGER,
  signature_report TEXT NOT NULL,
  refusal_reason TEXT NOT NULL,
  reviewed_by TEXT COLLATE "C" REFERENCES accounts (id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  submitted_at BIGINT,
  decided_at BIGINT
);
CREATE INDEX subscription_requests_state ON subscription_requests (state, submitted_at);

CREATE TABLE subscription_representatives (
  request_id TEXT COLLATE "C" NOT NULL REFERENCES subscription_requests (id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  national_number TEXT,
  PRIMARY KEY (request_id, position)
);

CREATE TABLE subscription_documents (
  id TEXT COLLATE "C" PRIMARY KEY,
  request_id TEXT COLLATE "C" NOT NULL REFERENCES subscription_requests (id),
  kind TEXT NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  blob_address TEXT NOT NULL,
  wrapped_key TEXT NOT NULL,
  uploaded_at BIGINT NOT NULL
);
CREATE INDEX subscription_documents_request ON subscription_documents (request_id, uploaded_at);
