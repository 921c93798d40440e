-- Code ownership: every promo code the connector creates or meets in commercetools belongs to exactly one owner
-- (channel, campaign, stores, currencies). Codes are unique lowercase because Friendbuy matches them
-- case-insensitively; `commercetools_code` keeps the exact form, since commercetools matches case-sensitively.
CREATE TABLE code_batches (
  id text PRIMARY KEY,
  campaign_id text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('friendIncentive', 'advocateReward')),
  requested integer NOT NULL CHECK (requested > 0),
  concurrency integer NOT NULL CHECK (concurrency > 0),
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed')),
  -- One runner at a time: a lease renewed while it works, so an interrupted run can be resumed elsewhere.
  lease_until timestamptz,
  lease_owner text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  completed_at timestamptz
);

CREATE TABLE codes (
  code text PRIMARY KEY CHECK (code = lower(code)),
  commercetools_code text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('advocateReferral', 'friendIncentive', 'advocateReward', 'merchant')),
  campaign_id text,
  store_keys text[] NOT NULL DEFAULT '{}',
  currencies text[] NOT NULL DEFAULT '{}',
  discount_code_id text UNIQUE,
  cart_discount_id text,
  reward_id text,
  batch_id text REFERENCES code_batches (id),
  -- The code this one replaces (a reissue after the order that used it was cancelled).
  replaces text,
  max_applications integer,
  -- `pending`: claimed, being created in commercetools by the lease holder (or left by a crash: resumable).
  status text NOT NULL CHECK (status IN ('pending', 'active', 'deactivated', 'exhausted')),
  lease_until timestamptz,
  lease_owner text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX codes_reward ON codes (reward_id) WHERE reward_id IS NOT NULL;
CREATE INDEX codes_batch ON codes (batch_id, status) WHERE batch_id IS NOT NULL;
CREATE INDEX codes_campaign_channel ON codes (campaign_id, channel, status);

-- Orders that used a connector-owned code: the count commercetools does not expose (maxApplications), and the
-- basis of the low-stock report and of reissues after a cancellation.
CREATE TABLE code_redemptions (
  code text NOT NULL REFERENCES codes (code),
  order_id text NOT NULL,
  order_number text,
  reward_id text,
  amount jsonb,
  store_key text,
  redeemed_at timestamptz NOT NULL,
  cancelled_at timestamptz,
  PRIMARY KEY (code, order_id)
);
CREATE INDEX code_redemptions_order ON code_redemptions (order_id);
