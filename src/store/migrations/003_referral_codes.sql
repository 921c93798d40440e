-- Referral codes and the advocate behind each: fed by personal referral links we create, Friendbuy webhooks
-- and analytics; read by the cart extension (self-referral) and by attribution. Codes are stored lowercase
-- because Friendbuy matches them case-insensitively.
CREATE TABLE referral_codes (
  code text PRIMARY KEY CHECK (code = lower(code)),
  campaign_id text,
  advocate_customer_id text,
  advocate_email_hash text,
  link text,
  source text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX referral_codes_advocate ON referral_codes (advocate_customer_id);
