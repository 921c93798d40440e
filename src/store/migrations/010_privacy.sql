-- Erasures (flows/privacy/): one row per erasure request, so its Friendbuy job can be followed and operators see
-- where each stands. It names nobody: the identifiers travel only in the outbox jobs that need them, and those
-- payloads are blanked once Friendbuy confirms (docs/privacy.md).
CREATE TABLE erasures (
  id text PRIMARY KEY,
  requested_by text NOT NULL,
  -- Which identifiers the request gave (`email`, `customerId`), never their values.
  scope text[] NOT NULL,
  status text NOT NULL CHECK (status IN ('erasing', 'friendbuy-pending', 'completed')),
  friendbuy_job_id text,
  -- How many rows each table lost or had pseudonymised, for the record.
  counts jsonb NOT NULL DEFAULT '{}'::jsonb,
  requested_at timestamptz NOT NULL,
  completed_at timestamptz,
  updated_at timestamptz NOT NULL
);

-- Raw IP and user agent are replaced by keyed hashes once the fraud window passes; the minimisation job walks
-- orders by placement time from where it last stopped.
CREATE INDEX customer_orders_created ON customer_orders (created_at, order_id);
-- The inbox purge walks deliveries by age.
CREATE INDEX inbox_received ON inbox (received_at, id);

-- Keys of the ledger's sealed personal fields (store/sealed-fields.ts): one per identifier (keyed email hash,
-- customer id), outside the append-only ledger so that erasure can delete it (crypto-shredding).
CREATE TABLE ledger_keys (
  id text PRIMARY KEY,
  subject text NOT NULL UNIQUE,
  key text NOT NULL,
  created_at timestamptz NOT NULL
);
