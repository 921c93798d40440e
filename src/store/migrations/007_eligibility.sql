-- Order eligibility: the latest `eligibility.decided` of each referred order of a campaign with a policy, so the
-- reward validation callback and operators find it without folding the ledger. The ledger stays the truth.
CREATE TABLE order_eligibility (
  order_id text PRIMARY KEY,
  campaign_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('eligible', 'pending', 'ineligible')),
  reasons jsonb NOT NULL DEFAULT '[]'::jsonb,
  until timestamptz,
  decided_at timestamptz NOT NULL
);
CREATE INDEX order_eligibility_status ON order_eligibility (status, until);
