-- The fraud check's lookups (store/fraud-lookups.ts) faster over a long history, with the same answers:
--
-- * fraud_lookups always runs the plan it keeps. Left to choose, PostgreSQL went back to planning the statement
--   afresh on every call whenever the values at hand made a fresh plan look cheaper — in some sessions and not
--   others — and planning it takes 0.8-1 ms where running it takes 0.2 ms (bench/fraud.ts, a million
--   referrals). The kept plan is the same index probes, with the values bound when it runs.
-- * An advocate's rewards found both by customer id and by email hash are read once, not twice and then
--   de-duplicated.
-- * The advocate's referred orders in the velocity window come from the index alone: it carries the order id
--   the lookup leaves out, so a busy advocate's 200 latest referrals no longer visit 200 table pages.
CREATE INDEX referrals_advocate_recent ON referrals (advocate_key, placed_at) INCLUDE (order_id);
DROP INDEX referrals_advocate;

CREATE OR REPLACE FUNCTION fraud_lookups(
  p_account text,             -- the friend account, left out of the accounts sharing its identifiers
  p_at timestamptz,           -- where every window ends (the order's placement)
  p_order_id text,            -- the order itself, left out of the history
  p_friend_kinds text[],      -- the friend's identity links (kind, value), to find them in the graph
  p_friend_values text[],
  p_advocate_kinds text[],    -- the advocate's
  p_advocate_values text[],
  p_device text,              -- the order's device hash; the friend's known devices join it
  p_shared_since timestamptz,
  p_ip text,
  p_address text,
  p_advocate_key text,
  p_referrals_since timestamptz,
  p_code text,
  p_code_burst_since timestamptz,
  p_with_rewards boolean,     -- false when the campaign sets no caps
  p_rewards_since timestamptz, -- null for a lifetime cap
  p_friend_customer_id text,
  p_friend_email_hash text,
  p_advocate_customer_id text,
  p_advocate_email_hash text
) RETURNS json LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $fn$
BEGIN
  RETURN (
    WITH friend_traits AS (
      SELECT kind, value FROM identity_traits WHERE person_id = (
        SELECT person_id FROM identity_links
        WHERE (kind, value) IN (SELECT * FROM unnest(p_friend_kinds, p_friend_values))
        ORDER BY first_seen_at, person_id LIMIT 1)
      ORDER BY last_seen_at DESC LIMIT 100),
    advocate_traits AS (
      SELECT kind, value FROM identity_traits WHERE person_id = (
        SELECT person_id FROM identity_links
        WHERE (kind, value) IN (SELECT * FROM unnest(p_advocate_kinds, p_advocate_values))
        ORDER BY first_seen_at, person_id LIMIT 1)
      ORDER BY last_seen_at DESC LIMIT 100),
    friend_devices AS (
      SELECT value FROM (
        SELECT p_device AS value, 0 AS rank WHERE p_device IS NOT NULL
        UNION ALL SELECT value, 1 FROM friend_traits WHERE kind = 'device') d
      GROUP BY value ORDER BY min(rank), value LIMIT 5)
    SELECT json_build_object(
      'friendTraits', (SELECT coalesce(json_agg(t), '[]') FROM friend_traits t),
      'advocateTraits', (SELECT coalesce(json_agg(t), '[]') FROM advocate_traits t),
      'shared', (SELECT coalesce(json_agg(s), '[]') FROM (
        SELECT 'device' AS by, friend_account AS account, max(placed_at) AS "seenAt" FROM (
          SELECT friend_account, placed_at FROM referrals
          WHERE device_hash IN (SELECT value FROM friend_devices)
            AND placed_at BETWEEN p_shared_since AND p_at AND friend_account <> p_account
          ORDER BY placed_at DESC LIMIT 50) recent GROUP BY friend_account
        UNION ALL
        SELECT 'ip', friend_account, max(placed_at) FROM (
          SELECT friend_account, placed_at FROM referrals
          WHERE ip_hash = p_ip AND placed_at BETWEEN p_shared_since AND p_at AND friend_account <> p_account
          ORDER BY placed_at DESC LIMIT 50) recent GROUP BY friend_account
        UNION ALL
        SELECT 'address', friend_account, max(placed_at) FROM (
          SELECT friend_account, placed_at FROM referrals
          WHERE address_hash = p_address AND placed_at BETWEEN p_shared_since AND p_at
            AND friend_account <> p_account
          ORDER BY placed_at DESC LIMIT 50) recent GROUP BY friend_account) s),
      'advocateReferralTimes', (SELECT coalesce(json_agg(placed_at), '[]') FROM (
        SELECT placed_at FROM referrals
        WHERE advocate_key = p_advocate_key AND placed_at BETWEEN p_referrals_since AND p_at
          AND order_id <> p_order_id
        ORDER BY placed_at DESC LIMIT 200) t),
      'codeRedemptionTimesFromIp', (SELECT coalesce(json_agg(placed_at), '[]') FROM (
        SELECT placed_at FROM referrals
        WHERE code = p_code AND ip_hash = p_ip AND placed_at BETWEEN p_code_burst_since AND p_at
          AND order_id <> p_order_id
        ORDER BY placed_at DESC LIMIT 200) t),
      'earlierOrders', (SELECT count(DISTINCT order_id) FROM (
        SELECT order_id, created_at FROM customer_orders WHERE customer_id = p_friend_customer_id AND NOT cancelled
        UNION ALL
        SELECT order_id, created_at FROM customer_orders WHERE email_hash = p_friend_email_hash AND NOT cancelled
      ) earlier WHERE order_id <> p_order_id AND (created_at IS NULL OR created_at < p_at)),
      'rewards', (SELECT coalesce(json_agg(r), '[]') FROM (
        SELECT * FROM (
          (SELECT reward_id AS "rewardId", campaign_id AS "campaignId", amount, unit, order_id AS "orderId",
             state, issued_at AS "issuedAt" FROM rewards
           WHERE p_with_rewards AND kind = 'advocateReward' AND customer_id = p_advocate_customer_id
             AND issued_at > coalesce(p_rewards_since, '-infinity')
           ORDER BY issued_at DESC LIMIT 500)
          UNION ALL
          (SELECT reward_id, campaign_id, amount, unit, order_id, state, issued_at FROM rewards
           WHERE p_with_rewards AND kind = 'advocateReward' AND email_hash = p_advocate_email_hash
             AND customer_id IS DISTINCT FROM p_advocate_customer_id
             AND issued_at > coalesce(p_rewards_since, '-infinity')
           ORDER BY issued_at DESC LIMIT 500)
        ) both_ways ORDER BY "issuedAt" DESC LIMIT 500) r)
    )
  );
END
$fn$;
