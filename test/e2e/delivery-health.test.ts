import type { Subscription } from '@commercetools/platform-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageSubscriptions, SUBSCRIPTION_KEY } from '../../src/commercetools/subscription.js';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import { HANDLED_MESSAGE_TYPES } from '../../src/flows/receive-commercetools-delivery.js';
import { runRecurringJobOnce } from '../../src/jobs/run-once.js';
import { createLogger } from '../../src/logger.js';
import { startTestConnector, type TestConnector } from '../helpers/connector.js';
import { flowDepsOf } from '../helpers/flow-deps.js';
import { parseExposition, sampleSum } from '../helpers/prometheus.js';

const TOPIC = { type: 'GoogleCloudPubSub' as const, projectId: 'merchant-gcp', topic: 'ct-friendbuy-events' };
const ADMIN = { authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}` };

describe('delivery health: the commercetools Subscription and the cart API extension', () => {
  let connector: TestConnector;
  const lines: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
    connector = await startTestConnector({}, { logger });
  });
  afterAll(async () => {
    await connector?.close();
  });

  /** Runs the declared job once, as the worker or a Connect job application would, with `topic` configured. */
  async function check(topic?: typeof TOPIC): Promise<void> {
    const deps = await flowDepsOf(connector, { config: { ...connector.config, connectDestination: topic } });
    expect(await runRecurringJobOnce(deps, 'commercetools.delivery-health')).toEqual({ outcome: 'done' });
  }

  async function health(): Promise<{ status: number; body: { status: string; delivery: unknown } }> {
    const response = await fetch(`${connector.url}/health`);
    return {
      status: response.status,
      body: (await response.json()) as { status: string; delivery: unknown },
    };
  }

  async function metric(name: string, labels: Record<string, string> = {}): Promise<number> {
    const response = await fetch(`${connector.url}/metrics`, { headers: ADMIN });
    return sampleSum(parseExposition(await response.text()), name, labels);
  }

  /** Puts the subscription in the emulated project as commercetools would hold it, in the given health status. */
  async function subscriptionIn(status: Subscription['status']): Promise<void> {
    const project = connector.sandbox.commercetools.mock.project();
    const existing = await connector.api
      .subscriptions()
      .withKey({ key: SUBSCRIPTION_KEY })
      .get()
      .execute()
      .then((r) => r.body)
      .catch(() => undefined);
    if (existing)
      await connector.api
        .subscriptions()
        .withKey({ key: SUBSCRIPTION_KEY })
        .delete({ queryArgs: { version: existing.version } })
        .execute();
    const now = new Date().toISOString();
    await project.unsafeAdd('subscription', {
      id: `subscription-${status}`,
      key: SUBSCRIPTION_KEY,
      version: 1,
      createdAt: now,
      lastModifiedAt: now,
      destination: { ...TOPIC },
      messages: messageSubscriptions(HANDLED_MESSAGE_TYPES),
      changes: [],
      events: [],
      format: { type: 'Platform' },
      status,
    } as Subscription);
  }

  it('says "not checked" until the check ran', async () => {
    expect((await health()).body.delivery).toEqual({ status: 'not-checked' });
  });

  it('reports a sandbox without a subscription as not configured, without making /health unhealthy', async () => {
    await check();
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.delivery).toMatchObject({
      status: 'healthy',
      subscription: { state: 'not-configured', problems: [] },
      extension: { state: 'registered', url: expect.stringContaining('/extensions/commercetools') },
    });
    expect(await metric('ctfb_commercetools_subscription_status', { status: 'not-configured' })).toBe(1);
    expect(await metric('ctfb_commercetools_cart_extension_status', { status: 'registered' })).toBe(1);
    expect(await metric('ctfb_delivery_health_ok')).toBe(1);
  });

  it('reports a missing subscription where the Connect topic says there should be one', async () => {
    await check(TOPIC);
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.delivery).toMatchObject({
      status: 'unhealthy',
      subscription: { state: 'missing', advice: expect.stringContaining('re-run setup') },
    });
    expect(await metric('ctfb_delivery_health_ok')).toBe(0);
  });

  it('reports a healthy subscription that is the one setup creates', async () => {
    await subscriptionIn('Healthy');
    await check(TOPIC);
    expect((await health()).body.delivery).toMatchObject({
      status: 'healthy',
      subscription: { state: 'Healthy', problems: [] },
    });
    expect(await metric('ctfb_commercetools_subscription_status', { status: 'Healthy' })).toBe(1);
    expect(await metric('ctfb_delivery_health_ok')).toBe(1);
  });

  it('warns with what to do when commercetools stopped delivering, and shows it on /health and the metrics', async () => {
    await subscriptionIn('ConfigurationErrorDeliveryStopped');
    lines.length = 0;
    await check(TOPIC);
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.delivery).toMatchObject({
      status: 'unhealthy',
      subscription: {
        state: 'ConfigurationErrorDeliveryStopped',
        problems: ['status is ConfigurationErrorDeliveryStopped'],
      },
    });
    const warning = lines.find((line) => String(line.msg).startsWith('commercetools delivery is unhealthy'));
    expect(warning).toMatchObject({ severity: 'WARNING', level: 40 });
    expect(String(warning?.msg)).toMatch(/fix the destination.*re-run setup/);
    expect(
      await metric('ctfb_commercetools_subscription_status', { status: 'ConfigurationErrorDeliveryStopped' }),
    ).toBe(1);
    expect(await metric('ctfb_delivery_health_ok')).toBe(0);
  });
});
