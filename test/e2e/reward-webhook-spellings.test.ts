// Friendbuy's reward webhook documentation (friendbuy/slate, source/includes/_webhooks.md) names the reward's
// value `rewardAmount` in its example and `amount` (a number) in its field table, with the unit in `rewardUnit`;
// incentives elsewhere in the same page carry `amount` with `currency`. Every spelling gives the reward its value.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, SANDBOX_DEFAULTS } from '../../src/config.js';
import { type Connector, startConnector } from '../../src/connector.js';
import { SIGNATURE_HEADER, signBody } from '../../src/friendbuy/signature.js';
import { createLogger } from '../../src/logger.js';
import { eventually } from '../helpers/connector.js';
import { dropSchema, testStoreOptions } from '../helpers/store.js';

describe('reward webhooks in every documented spelling', () => {
  const lines: string[] = [];
  let connector: Connector;
  let schema: string;

  const postWebhook = async (type: string, data: object[]) => {
    const raw = JSON.stringify({ id: randomUUID(), type, data, createdOn: '2026-11-05T01:07:38.509Z' });
    const response = await fetch(`${connector.url}/webhooks/friendbuy`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signBody(raw, SANDBOX_DEFAULTS.FRIENDBUY_SECRET_KEY),
      },
      body: raw,
    });
    expect(response.status).toBe(200);
  };
  const reward = (rewardId: string) =>
    eventually(
      async () => {
        const response = await fetch(`${connector.url}/admin/api/rewards/${rewardId}`, {
          headers: { authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}` },
        });
        if (response.status !== 200) return undefined;
        const view = (await response.json()) as { kind?: string; amount: string | null; unit: string | null };
        // A reward the ledger knows but whose webhook item is not processed yet has no kind (nor amount).
        return view.kind ? view : undefined;
      },
      15_000,
      `reward ${rewardId}`,
    );

  beforeAll(async () => {
    const store = await testStoreOptions();
    schema = store.schema;
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', OUTBOX_POLL_MS: '50' });
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    connector = await startConnector({ config, logger, store });
  });
  afterAll(async () => {
    await connector?.close();
    await dropSchema(schema);
  });

  it('reads `amount` (the field table) as the reward value, with `rewardUnit` or `currency` as its unit', async () => {
    const [advocateRewardId, incentiveId] = [randomUUID(), randomUUID()];
    await postWebhook('advocateReward', [
      {
        rewardId: advocateRewardId,
        rewardType: 'discount',
        rewardUnit: 'USD',
        customerId: 'asd123-abcfasdf',
        emailAddress: 'test@example.com',
        amount: 20,
        createdOn: '2019-11-05T01:07:36.720Z',
        couponCode: `adv-${advocateRewardId.slice(0, 8)}`,
      },
    ]);
    await postWebhook('friendIncentive', [
      {
        rewardId: incentiveId,
        rewardType: 'discount',
        emailAddress: 'friend@example.com',
        amount: 30,
        currency: 'USD',
        couponCode: `fri-${incentiveId.slice(0, 8)}`,
      },
    ]);

    expect(await reward(advocateRewardId)).toMatchObject({ amount: '20', unit: 'USD' });
    expect(await reward(incentiveId)).toMatchObject({ amount: '30', unit: 'USD' });
  });

  it('warns, without personal data, when a reward names a customer it cannot find', async () => {
    const rewardId = randomUUID();
    await postWebhook('advocateReward', [
      {
        rewardId,
        rewardType: 'discount',
        rewardUnit: 'USD',
        customerId: 'not-a-commercetools-customer',
        emailAddress: 'nobody.known@example.com',
        rewardAmount: '20.00',
        couponCode: `adv-${rewardId.slice(0, 8)}`,
      },
    ]);
    const warning = await eventually(
      () => lines.find((line) => line.includes(rewardId) && line.includes('cannot find')),
      15_000,
      'the warning',
    );
    expect(JSON.parse(warning)).toMatchObject({
      level: 40,
      rewardId,
      namedBy: { customerId: true, emailAddress: true },
    });
    expect(lines.filter((line) => line.includes('nobody.known@example.com'))).toEqual([]);
  });
});
