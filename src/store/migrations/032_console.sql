-- The operator console's reads (docs/console.md): the review queue, customer-service search and the dashboard,
-- each an index range scan or a per-row probe, so pages stay fast with tens of thousands of referrals.

-- An order's created and reported facts, read per referral by the queue (order number, decideBy) and the
-- dashboard (store, currency, total, reported amount): one small partial index each.
CREATE INDEX ledger_order_created_stream ON ledger (stream) WHERE type = 'order.created';
CREATE INDEX ledger_purchase_reported_stream ON ledger (stream) WHERE type = 'purchase.reported';

-- The funnel steps and reward events the dashboard counts per period.
CREATE INDEX ledger_dashboard_events ON ledger (type, occurred_at)
  WHERE type IN ('referral.share', 'referral.click', 'referral.sign-up', 'reward.reversed', 'reward.held');

-- Referred orders per period (and campaign), and a friend's referrals (the person story).
CREATE INDEX referrals_placed ON referrals (placed_at);
CREATE INDEX referrals_campaign_placed ON referrals (campaign_id, placed_at);
CREATE INDEX referrals_friend ON referrals (friend_account);

-- Rewards issued per period; a reward found by its coupon (search).
CREATE INDEX rewards_issued ON rewards (issued_at);
CREATE INDEX rewards_coupon ON rewards (lower(coupon_code)) WHERE coupon_code IS NOT NULL;

-- The queue's signal filter (`signals @> '[{"signal": "sameDevice"}]'`) and holds by signal.
CREATE INDEX reviews_signals ON reviews USING gin (signals jsonb_path_ops);
CREATE INDEX reviews_opened ON reviews (opened_at);
