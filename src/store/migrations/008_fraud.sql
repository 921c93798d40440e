-- Referrals: one row per referred order the fraud check assessed, holding exactly what later checks look up
-- (who referred, which friend account, with what code, from which IP, device and address hash), so velocity,
-- code bursts and repeated accounts are index range scans however long the history. The ledger's
-- `fraud.assessed` event on the order stream stays the truth; this row is written in the same transaction.
CREATE TABLE referrals (
  order_id text PRIMARY KEY,
  campaign_id text NOT NULL,
  -- `customer:<id>` when the advocate has a commercetools customer id, else `email:<keyed hash>`.
  advocate_key text NOT NULL,
  advocate_customer_id text,
  advocate_email_hash text,
  -- The friend's commercetools customer id, else the keyed hash of their email.
  friend_account text NOT NULL,
  code text CHECK (code = lower(code)),
  ip_hash text,
  device_hash text,
  address_hash text,
  verdict text NOT NULL CHECK (verdict IN ('approve', 'hold', 'reject')),
  score integer NOT NULL,
  placed_at timestamptz NOT NULL,
  assessed_at timestamptz NOT NULL
);
CREATE INDEX referrals_advocate ON referrals (advocate_key, placed_at);
CREATE INDEX referrals_code_ip ON referrals (code, ip_hash, placed_at) WHERE code IS NOT NULL AND ip_hash IS NOT NULL;
CREATE INDEX referrals_ip ON referrals (ip_hash, placed_at) WHERE ip_hash IS NOT NULL;
CREATE INDEX referrals_device ON referrals (device_hash, placed_at) WHERE device_hash IS NOT NULL;
CREATE INDEX referrals_address ON referrals (address_hash, placed_at) WHERE address_hash IS NOT NULL;

-- Review cases: a referral the fraud check held, open until an operator approves or rejects it. One per order;
-- the decision (who, when, why) is also an event on the order stream and in the audit of the admin API.
CREATE TABLE reviews (
  id bigserial PRIMARY KEY,
  order_id text NOT NULL UNIQUE,
  campaign_id text NOT NULL,
  advocate_key text,
  friend_account text,
  status text NOT NULL CHECK (status IN ('open', 'approved', 'rejected')),
  score integer NOT NULL,
  -- The fired signals with their action, weight and evidence, as the decision saw them.
  signals jsonb NOT NULL,
  opened_at timestamptz NOT NULL,
  decided_by text,
  decided_at timestamptz,
  reason text,
  updated_at timestamptz NOT NULL
);
CREATE INDEX reviews_status ON reviews (status, opened_at, id);
CREATE INDEX reviews_campaign ON reviews (campaign_id, status, opened_at);
CREATE INDEX reviews_advocate ON reviews (advocate_key) WHERE advocate_key IS NOT NULL;

-- The reward validation callback finds an order by the purchase id it was reported under.
CREATE INDEX ledger_friendbuy_order_id ON ledger ((data ->> 'friendbuyOrderId'))
  WHERE type IN ('purchase.reported', 'purchase.held');

-- Advocate caps count an advocate's rewards by recipient and time.
CREATE INDEX rewards_customer_issued ON rewards (customer_id, issued_at) WHERE kind = 'advocateReward';
CREATE INDEX rewards_email_issued ON rewards (email_hash, issued_at) WHERE kind = 'advocateReward';
