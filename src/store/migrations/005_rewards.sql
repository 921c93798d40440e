-- Rewards: one row per Friendbuy reward (advocate reward or friend incentive), so a customer's or an order's
-- rewards are found without scanning the ledger. The ledger stream `reward:<rewardId>` stays the truth; `state`
-- is the state it folded to when the connector last recorded an event there.
CREATE TABLE rewards (
  reward_id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('advocateReward', 'friendIncentive')),
  -- The recipient: their commercetools customer id when known, and a keyed hash of their email.
  customer_id text,
  email_hash text,
  campaign_id text,
  coupon_code text,
  -- As Friendbuy sent them: a decimal in major units, and a currency, `%` or SKU.
  amount text,
  unit text,
  -- The friend's order that earned an advocate reward, and the order that redeemed a reward's code.
  order_id text,
  redeemed_order_id text,
  state text NOT NULL,
  inbox_id bigint,
  issued_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX rewards_customer ON rewards (customer_id);
CREATE INDEX rewards_email ON rewards (email_hash);
CREATE INDEX rewards_order ON rewards (order_id);
CREATE INDEX rewards_redeemed_order ON rewards (redeemed_order_id);

-- Addresses that unsubscribed from Friendbuy's share emails (emailOptOut webhooks): emails the connector
-- triggers are suppressed for them. Keyed hashes only, like the ledger.
CREATE TABLE email_opt_outs (
  email_hash text PRIMARY KEY,
  campaign_id text,
  opted_out_at timestamptz NOT NULL
);

-- An advocate reward names the friend (Friendbuy customer id we sent); find the friend's reported order.
CREATE INDEX ledger_purchase_customer ON ledger ((data ->> 'customerId')) WHERE type = 'purchase.reported';
