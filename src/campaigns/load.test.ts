import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config.js';
import { findCampaign } from '../domain/campaign.js';
import { DEFAULT_FRAUD_POLICY } from '../domain/fraud/fraud-policy.js';
import { FRAUD_CHECK_ONLY_POLICY } from '../domain/policy.js';
import { loadCampaigns, parseCampaigns } from './load.js';

const MERCHANT = '3f0e5d4c-1b2a-4c3d-9e8f-7a6b5c4d3e2f';

describe('campaign configuration', () => {
  it('maps stores, currencies and locales to campaigns, with defaults filled in', () => {
    const campaigns = parseCampaigns(
      { campaigns: [{ id: 'c-us', stores: ['us'], currencies: ['USD'], locales: ['en-US'] }] },
      MERCHANT,
    );
    expect(campaigns[0]).toMatchObject({
      id: 'c-us',
      merchantId: MERCHANT,
      codes: { prefix: '', randomLength: 10 },
      friendIncentive: { newCustomersOnly: true, value: { type: 'percent', percent: 10 } },
    });
    expect(findCampaign(campaigns, { storeKey: 'us', currency: 'USD', locale: 'en' })?.id).toBe('c-us');
    expect(findCampaign(campaigns, { storeKey: 'eu' })).toBeUndefined();
  });

  it('names every bad field', () => {
    try {
      parseCampaigns(
        { campaigns: [{ id: 'c', stores: [], currencies: ['usd'], codes: { prefix: 'a b' } }] },
        MERCHANT,
        'campaigns.json',
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const text = (error as ConfigError).problems.join('\n');
      expect(text).toContain('campaigns.json: campaigns.0.stores');
      expect(text).toContain('campaigns.0.currencies.0');
      expect(text).toContain('campaigns.0.codes.prefix');
    }
  });

  it('refuses a campaign id used twice', () => {
    const campaign = { id: 'c', stores: ['us'], currencies: ['USD'] };
    expect(() => parseCampaigns({ campaigns: [campaign, campaign] }, MERCHANT)).toThrow(/used twice/);
  });

  it('gives the sandbox one demo campaign per store, and live none without a file', () => {
    expect(loadCampaigns({ mode: 'sandbox', merchantId: MERCHANT }).map((c) => c.storeKeys)).toEqual([
      ['us'],
      ['eu'],
    ]);
    expect(loadCampaigns({ mode: 'live', merchantId: MERCHANT })).toEqual([]);
  });

  it('protects a campaign without a policy with the default fraud check, and every sandbox campaign', () => {
    const [campaign] = parseCampaigns(
      { campaigns: [{ id: 'c', stores: ['us'], currencies: ['USD'] }] },
      MERCHANT,
    );
    expect(campaign?.policy).toEqual(FRAUD_CHECK_ONLY_POLICY);
    expect(campaign?.policy?.fraud).toEqual(DEFAULT_FRAUD_POLICY);
    for (const sandbox of loadCampaigns({ mode: 'sandbox', merchantId: MERCHANT }))
      expect(sandbox.policy?.fraud).toEqual(DEFAULT_FRAUD_POLICY);
  });

  it('switches the fraud check off only when the campaign says "fraud": "off"', () => {
    const base = { stores: ['us'], currencies: ['USD'], fraud: 'off' };
    const [bare, withRules] = parseCampaigns(
      {
        campaigns: [
          { ...base, id: 'bare' },
          { ...base, id: 'rules', policy: { newCustomersOnly: true } },
        ],
      },
      MERCHANT,
    );
    expect(bare?.policy).toBeUndefined();
    expect(withRules?.policy?.newCustomersOnly).toBe(true);
    expect(Object.values(withRules?.policy?.fraud.signals ?? {}).map((s) => s.action)).toEqual(
      Object.keys(DEFAULT_FRAUD_POLICY.signals).map(() => 'off'),
    );
    expect(() =>
      parseCampaigns(
        { campaigns: [{ ...base, id: 'both', policy: { fraud: { scoreThresholds: { hold: 10 } } } }] },
        MERCHANT,
      ),
    ).toThrow(/contradicts/);
  });
});
