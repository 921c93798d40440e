-- Identity (store/identity-links.ts): identifiers that name one person, merged when they meet (an anonymous
-- shopper signs in or registers). Emails and session ids are keyed hashes (domain/identity-keys.ts).
CREATE TABLE identity_links (
  kind text NOT NULL,
  value text NOT NULL,
  person_id text NOT NULL,
  first_seen_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  PRIMARY KEY (kind, value)
);
CREATE INDEX identity_links_person ON identity_links (person_id);

-- Traits many people can share (IP address, user agent, device, Friendbuy global id): attached to a person,
-- never merging two; fraud signals find the other people with the same value through the second index.
CREATE TABLE identity_traits (
  person_id text NOT NULL,
  kind text NOT NULL,
  value text NOT NULL,
  first_seen_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  PRIMARY KEY (person_id, kind, value)
);
CREATE INDEX identity_traits_value ON identity_traits (kind, value);

-- What a friend was referred with (attribution id, referral code, incentive coupon) and the advocate behind it,
-- from Friendbuy's emailCapture, carts, orders and the storefront. person_id is the friend, once known.
CREATE TABLE friend_referrals (
  id bigserial PRIMARY KEY,
  source text NOT NULL,
  source_key text NOT NULL,
  person_id text,
  attribution_id text,
  referral_code text CHECK (referral_code = lower(referral_code)),
  coupon_code text CHECK (coupon_code = lower(coupon_code)),
  campaign_id text,
  advocate_customer_id text,
  advocate_email_hash text,
  recorded_at timestamptz NOT NULL,
  UNIQUE (source, source_key)
);
CREATE INDEX friend_referrals_attribution ON friend_referrals (attribution_id) WHERE attribution_id IS NOT NULL;
CREATE INDEX friend_referrals_person ON friend_referrals (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX friend_referrals_coupon ON friend_referrals (coupon_code) WHERE coupon_code IS NOT NULL;
CREATE INDEX referral_codes_advocate_email ON referral_codes (advocate_email_hash);

-- Who has ordered, one row per order, so the cart extension answers "existing customer?" from an index instead
-- of a commercetools query. Upserted from OrderCreated and OrderStateChanged, in whatever order they arrive.
CREATE TABLE customer_orders (
  order_id text PRIMARY KEY,
  customer_id text,
  email_hash text,
  cancelled boolean NOT NULL DEFAULT false,
  created_at timestamptz,
  updated_at timestamptz NOT NULL
);
CREATE INDEX customer_orders_customer ON customer_orders (customer_id) WHERE NOT cancelled;
CREATE INDEX customer_orders_email ON customer_orders (email_hash) WHERE NOT cancelled;
-- Orders the ledger recorded before this table existed.
INSERT INTO customer_orders (order_id, customer_id, email_hash, cancelled, created_at, updated_at)
SELECT substr(created.stream, length('order:') + 1), created.data ->> 'customerId', created.data ->> 'emailHash',
  EXISTS (SELECT 1 FROM ledger cancelled WHERE cancelled.stream = created.stream
    AND cancelled.type = 'order.state-changed' AND cancelled.data ->> 'orderState' = 'Cancelled'),
  created.occurred_at, created.recorded_at
FROM ledger created WHERE created.type = 'order.created'
ON CONFLICT (order_id) DO NOTHING;

-- Friendbuy knows orders by the order number we reported; analytics purchases are matched back through it.
CREATE INDEX ledger_order_number ON ledger ((data ->> 'orderNumber')) WHERE type = 'order.created';

-- Where each Friendbuy analytics pull stands (flows/pull-friendbuy-analytics.ts): the window being read and
-- the page token to resume it from, so an interrupted pull continues where it stopped.
CREATE TABLE analytics_cursors (
  kind text PRIMARY KEY,
  window_from timestamptz,
  window_to timestamptz,
  page_token text,
  completed_through timestamptz,
  updated_at timestamptz NOT NULL
);
