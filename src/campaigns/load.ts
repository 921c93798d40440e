// Loads the campaign file at start (CONNECTOR_CAMPAIGNS_FILE). In sandbox mode without a file, one demo
// campaign per sandbox store is used so every flow can be tried without configuring anything.
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config.js';
import type { Campaign } from '../domain/campaign.js';
import { fraudCheckOff } from '../domain/fraud/fraud-policy.js';
import { FRAUD_CHECK_ONLY_POLICY, type RewardPolicy } from '../domain/policy.js';
import { policyProblems } from '../domain/policy-problems.js';
import { type CampaignsFile, type CampaignsFileInput, campaignsFileSchema } from './schema.js';

export const SANDBOX_CAMPAIGNS = {
  campaigns: [
    {
      id: 'sandbox-us-referral',
      name: 'Give 10%, get $10 (US)',
      stores: ['us'],
      currencies: ['USD'],
      locales: ['en-US'],
      codes: { prefix: 'US-', randomLength: 10 },
      friendIncentive: {
        value: { type: 'percent', percent: 10 },
        minimumOrder: { USD: 2000 },
        newCustomersOnly: true,
      },
      advocateReward: { value: { type: 'amount', amounts: { USD: 1000 } }, validForDays: 90 },
    },
    {
      id: 'sandbox-eu-referral',
      name: 'Gib 10 %, erhalte 10 € (EU)',
      stores: ['eu'],
      currencies: ['EUR'],
      locales: ['de-DE'],
      codes: { prefix: 'EU-', randomLength: 10 },
      friendIncentive: {
        value: { type: 'percent', percent: 10 },
        minimumOrder: { EUR: 2000 },
        newCustomersOnly: true,
      },
      advocateReward: { value: { type: 'amount', amounts: { EUR: 1000 } }, validForDays: 90 },
    },
  ],
} satisfies CampaignsFileInput;

export function loadCampaigns(options: {
  file?: string | undefined;
  mode: 'sandbox' | 'live';
  merchantId: string;
}): Campaign[] {
  if (!options.file) {
    // Live without campaigns is allowed (orders are still reported); stores then get no widgets or codes.
    return options.mode === 'sandbox'
      ? toCampaigns(campaignsFileSchema.parse(SANDBOX_CAMPAIGNS), options.merchantId)
      : [];
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(options.file, 'utf8'));
  } catch (error) {
    throw new ConfigError([`CONNECTOR_CAMPAIGNS_FILE ${options.file}: ${(error as Error).message}`]);
  }
  return parseCampaigns(raw, options.merchantId, options.file);
}

export function parseCampaigns(raw: unknown, merchantId: string, source = 'campaigns'): Campaign[] {
  const parsed = campaignsFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  const ids = parsed.data.campaigns.map((campaign) => campaign.id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) throw new ConfigError([`${source}: campaign id "${duplicate}" is used twice`]);
  const problems = parsed.data.campaigns.flatMap((campaign, i) => [
    ...(campaign.policy
      ? policyProblems(campaign.policy).map((p) => `${source}: campaigns.${i}.policy: ${p.message}`)
      : []),
    ...(campaign.fraud === 'off' && isObject(raw, 'campaigns', i, 'policy', 'fraud')
      ? [`${source}: campaigns.${i}: "fraud": "off" contradicts the fraud rules in policy.fraud; keep one`]
      : []),
  ]);
  if (problems.length > 0) throw new ConfigError(problems);
  return toCampaigns(parsed.data, merchantId);
}

function toCampaigns(file: CampaignsFile, merchantId: string): Campaign[] {
  return file.campaigns.map((campaign) => ({
    id: campaign.id,
    name: campaign.name ?? campaign.id,
    merchantId: campaign.merchantId ?? merchantId,
    storeKeys: campaign.stores,
    currencies: campaign.currencies,
    locales: campaign.locales,
    codes: campaign.codes,
    friendIncentive: campaign.friendIncentive,
    advocateReward: campaign.advocateReward,
    recurringOrders: campaign.recurringOrders,
    policy: effectivePolicy(campaign),
  }));
}

/**
 * Fraud protection is on unless the campaign says `"fraud": "off"`: a campaign without `policy` gets the fraud
 * check alone; with `"fraud": "off"` it gets no policy at all, or its own policy with every signal off.
 */
function effectivePolicy(campaign: CampaignsFile['campaigns'][number]): RewardPolicy | undefined {
  const { policy, fraud } = campaign;
  if (fraud === 'off') return policy && { ...policy, fraud: fraudCheckOff(policy.fraud) };
  return policy ?? FRAUD_CHECK_ONLY_POLICY;
}

/** Whether the raw file has an object at this path (the parsed one has defaults filled in everywhere). */
function isObject(raw: unknown, ...path: (string | number)[]): boolean {
  let value = raw;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return false;
    value = (value as Record<string | number, unknown>)[key];
  }
  return typeof value === 'object' && value !== null;
}
