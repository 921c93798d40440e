import { describe, expect, it } from 'vitest';
import { deliveryHealth, judgeExtension, judgeSubscription, SUBSCRIPTION_ADVICE } from './delivery-health.js';

const messages = [
  { resourceTypeId: 'order', types: ['OrderCreated', 'OrderStateChanged'] },
  { resourceTypeId: 'customer', types: ['CustomerCreated'] },
];
const destination = { type: 'GoogleCloudPubSub', projectId: 'p', topic: 't' };
const subscription = (status: string, overrides: object = {}) => ({
  status,
  destination,
  messages,
  ...overrides,
});
const now = new Date('2026-12-03T12:00:00Z');

describe('judgeSubscription', () => {
  it('is healthy when commercetools says so and it has the destination and messages setup gives it', () => {
    expect(judgeSubscription(subscription('Healthy'), { destination, messages })).toEqual({
      state: 'Healthy',
      problems: [],
    });
  });

  it.each(Object.keys(SUBSCRIPTION_ADVICE))('reports %s with what to do', (status) => {
    const judged = judgeSubscription(subscription(status), { destination, messages });
    expect(judged.state).toBe(status);
    expect(judged.problems).toEqual([`status is ${status}`]);
    expect(judged.advice).toBe(SUBSCRIPTION_ADVICE[status as keyof typeof SUBSCRIPTION_ADVICE]);
  });

  it('says to fix the destination and re-run setup when delivery stopped', () => {
    const judged = judgeSubscription(subscription('ConfigurationErrorDeliveryStopped'), { messages });
    expect(judged.advice).toMatch(/fix the destination.*re-run setup/);
  });

  it('finds a subscription that is not the one setup creates: another topic, fewer messages', () => {
    const judged = judgeSubscription(
      subscription('Healthy', {
        destination: { ...destination, topic: 'other' },
        messages: [{ resourceTypeId: 'order', types: ['OrderCreated'] }],
      }),
      { destination, messages },
    );
    expect(judged.problems).toEqual([
      'destination topic is other, setup sets t',
      'does not subscribe to OrderStateChanged, customer messages',
    ]);
    expect(judged.advice).toMatch(/re-run setup/);
  });

  it('takes a resource subscribed without types as all of its messages', () => {
    const all = subscription('Healthy', {
      messages: [{ resourceTypeId: 'order' }, { resourceTypeId: 'customer', types: [] }],
    });
    expect(judgeSubscription(all, { messages }).problems).toEqual([]);
  });

  it('is missing when the configuration names a destination, and not configured otherwise', () => {
    expect(judgeSubscription(undefined, { destination, messages })).toMatchObject({ state: 'missing' });
    expect(judgeSubscription(undefined, { messages })).toEqual({ state: 'not-configured', problems: [] });
  });
});

describe('judgeExtension', () => {
  const url = 'https://connector.example.com/extensions/commercetools';

  it('is registered when it calls the connector', () => {
    expect(judgeExtension({ url }, url)).toEqual({ state: 'registered', url, problems: [] });
    expect(judgeExtension({ url }, undefined).state).toBe('registered');
  });

  it('is misconfigured when it calls another URL, and missing when the connector has a public URL', () => {
    expect(judgeExtension({ url: 'https://old.example.com/x' }, url).state).toBe('misconfigured');
    expect(judgeExtension(undefined, url).state).toBe('missing');
    expect(judgeExtension(undefined, undefined).state).toBe('not-configured');
  });
});

describe('deliveryHealth', () => {
  it('is unhealthy when either has a problem, and not configured only when neither is expected', () => {
    const ok = judgeSubscription(subscription('Healthy'), { messages });
    const none = judgeSubscription(undefined, { messages });
    const stopped = judgeSubscription(subscription('ManuallySuspended'), { messages });
    const registered = judgeExtension({ url: 'u' }, undefined);
    const absent = judgeExtension(undefined, undefined);
    expect(deliveryHealth(ok, registered, now).status).toBe('healthy');
    expect(deliveryHealth(none, registered, now).status).toBe('healthy');
    expect(deliveryHealth(none, absent, now).status).toBe('not-configured');
    expect(deliveryHealth(stopped, registered, now)).toMatchObject({
      status: 'unhealthy',
      checkedAt: '2026-12-03T12:00:00.000Z',
    });
  });
});
