-- Inbox: every inbound message, recorded before it is acknowledged; the unique key drops redeliveries.
CREATE TABLE inbox (
  id bigserial PRIMARY KEY,
  source text NOT NULL,
  dedup_key text NOT NULL,
  kind text NOT NULL,
  resource_id text,
  payload jsonb NOT NULL,
  correlation_id text NOT NULL,
  received_at timestamptz NOT NULL,
  UNIQUE (source, dedup_key)
);
CREATE INDEX inbox_resource ON inbox (resource_id);

-- Ledger: append-only facts per stream (an order, a reward, an advocate), hash-chained per stream.
CREATE TABLE ledger (
  id bigserial PRIMARY KEY,
  stream text NOT NULL,
  seq integer NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  dedup_key text UNIQUE,
  correlation_id text,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  prev_hash text,
  hash text NOT NULL,
  UNIQUE (stream, seq)
);
CREATE INDEX ledger_type ON ledger (type, recorded_at);

CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the ledger is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER ledger_no_update_or_delete BEFORE UPDATE OR DELETE ON ledger
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON ledger
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- Outbox: pending effects, claimed with FOR UPDATE SKIP LOCKED under a lease so several processes share it.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  dedup_key text NOT NULL UNIQUE,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  run_after timestamptz NOT NULL,
  locked_until timestamptz,
  locked_by text,
  last_error text,
  correlation_id text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  done_at timestamptz
);
CREATE INDEX outbox_due ON outbox (run_after, id) WHERE status = 'pending';
CREATE INDEX outbox_status ON outbox (status);

-- Counters of messages we acknowledged but do not handle (by type), so operators can see what is ignored.
CREATE TABLE unhandled_messages (
  source text NOT NULL,
  kind text NOT NULL,
  count bigint NOT NULL DEFAULT 0,
  last_seen_at timestamptz NOT NULL,
  PRIMARY KEY (source, kind)
);
