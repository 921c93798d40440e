-- Backfill runs: one row per run, with the cursor (lastModifiedAt + id) of each resource it reads, so a run
-- interrupted anywhere resumes at the first page it had not recorded.
CREATE TABLE backfill_runs (
  id text PRIMARY KEY,
  since timestamptz NOT NULL,
  until timestamptz NOT NULL,
  store_key text,
  dry_run boolean NOT NULL,
  -- Orders created at or after this instant are reported to Friendbuy; NULL reports none (history only).
  report_since timestamptz,
  -- The window is read as this many slices of creation time, each on its own cursor, at once.
  slices integer NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  -- Per resource and slice ('orders/0', 'customers/3'): {lastModifiedAt, id, done}.
  cursors jsonb NOT NULL DEFAULT '{}'::jsonb,
  total integer,
  seen integer NOT NULL DEFAULT 0,
  recorded integer NOT NULL DEFAULT 0,
  error text,
  started_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  finished_at timestamptz
);

-- Reconciliation findings: each difference between commercetools, the ledger and Friendbuy, with its cause;
-- one row per subject and cause, updated when seen again, marked repaired when the connector fixed it.
CREATE TABLE reconciliation_findings (
  id bigserial PRIMARY KEY,
  day date NOT NULL,
  store_key text,
  subject text NOT NULL,
  cause text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  repair text,
  repaired_at timestamptz,
  first_seen_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  UNIQUE (subject, cause)
);
CREATE INDEX reconciliation_findings_day ON reconciliation_findings (day);

-- Holes in a resource's message sequence numbers that the gap check looked at (flows/reconciliation/detect-gaps):
-- each is judged once — a message the connector handles is missing (a gap: its window is reconciled), or only
-- messages it does not subscribe to fell in between.
CREATE TABLE delivery_gaps (
  resource_id text NOT NULL,
  from_sequence integer NOT NULL,
  to_sequence integer NOT NULL,
  verdict text NOT NULL CHECK (verdict IN ('gap', 'unsubscribed')),
  window_from timestamptz NOT NULL,
  window_to timestamptz NOT NULL,
  detected_at timestamptz NOT NULL,
  PRIMARY KEY (resource_id, from_sequence)
);
