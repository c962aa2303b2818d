-- KBO/BCE open data (REFERENCE.md §4), imported by `sealpost kbo import` to prefill a company's
-- name and registered office in a subscription request. One row per enterprise: the columns of
-- enterprise.csv, the legal names (denomination type 001) per language and the one found first,
-- and the registered office (address type REGO). Dates as ISO text; the open data has no time.
-- PostgreSQL dialect; kept line by line parallel to migrations/sqlite/0006_kbo.sql.

CREATE TABLE kbo_enterprises (
  enterprise_number TEXT COLLATE "C" PRIMARY KEY,
  status TEXT NOT NULL,
  juridical_situation TEXT NOT NULL,
  type_of_enterprise TEXT NOT NULL,
  juridical_form TEXT NOT NULL,
  start_date TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  name_language TEXT NOT NULL DEFAULT '',
  name_nl TEXT NOT NULL DEFAULT '',
  name_fr TEXT NOT NULL DEFAULT '',
  name_de TEXT NOT NULL DEFAULT '',
  name_en TEXT NOT NULL DEFAULT '',
  street_nl TEXT NOT NULL DEFAULT '',
  street_fr TEXT NOT NULL DEFAULT '',
  house_number TEXT NOT NULL DEFAULT '',
  box TEXT NOT NULL DEFAULT '',
  zipcode TEXT NOT NULL DEFAULT '',
  municipality_nl TEXT NOT NULL DEFAULT '',
  municipality_fr TEXT NOT NULL DEFAULT ''
);
