-- Settings the connector learns once and reads at every start (e.g. which custom type keys `setup` resolved).
CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);

-- Purchase reports look up earlier orders by hashed normalised email (gmail dots and +tags folded).
CREATE INDEX ledger_order_email ON ledger ((data ->> 'emailHash')) WHERE type = 'order.created';
