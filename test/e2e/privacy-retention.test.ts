import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_FIELDS, ORDER_TYPE_KEY } from '../../src/commercetools/custom-fields.js';
import { getOrder } from '../../src/commercetools/order-access.js';
import { hashIdentifier } from '../../src/domain/identity.js';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import { eventually, startTestConnector, type TestConnector } from '../helpers/connector.js';

const IP = '198.51.100.23';
const USER_AGENT = 'RetentionBrowser/3.0 (minimisation-test)';

describe('privacy: raw shopper identifiers and delivery payloads are kept only as long as configured', () => {
  let connector: TestConnector;
  const advance = async (duration: string) => {
    const response = await fetch(`${connector.url}/sandbox/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advance: duration }),
    });
    expect(response.status).toBe(200);
  };
  const inboxHolds = async (needle: string) =>
    (
      await connector.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM inbox WHERE strpos(payload::text, $1) > 0',
        [needle],
      )
    ).rows[0]!.n > 0;

  beforeAll(async () => {
    connector = await startTestConnector({
      CONNECTOR_RAW_IDENTIFIER_DAYS: '10',
      CONNECTOR_INBOX_RETENTION_DAYS: '20',
    });
  });
  afterAll(async () => {
    await connector?.close();
  });

  it('hashes the raw IP and user agent once the fraud window passed, then blanks the old deliveries', async () => {
    const order = await placeDemoOrder(connector.api, {
      email: 'rita.retention@example.com',
      custom: {
        typeKey: ORDER_TYPE_KEY,
        fields: { [ORDER_FIELDS.ipAddress]: IP, [ORDER_FIELDS.userAgent]: USER_AGENT },
      },
    });
    await eventually(
      async () =>
        (await connector.db.query('SELECT 1 FROM customer_orders WHERE order_id = $1', [order.id])).rowCount >
        0,
      15_000,
      'the order recorded',
    );
    const fields = async () => (await getOrder(connector.api, order.id))?.custom?.fields ?? {};

    // Inside the window the fraud check still has the raw values.
    await advance('P5D');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await fields())[ORDER_FIELDS.ipAddress]).toBe(IP);

    await advance('P6D');
    const { hashKey } = connector.config;
    await eventually(
      async () => (await fields())[ORDER_FIELDS.ipAddress] === hashIdentifier('ip', IP, hashKey),
      15_000,
      'the IP address hashed on the order',
    );
    expect((await fields())[ORDER_FIELDS.userAgent]).toBe(hashIdentifier('userAgent', USER_AGENT, hashKey));
    await eventually(async () => !(await inboxHolds(IP)), 10_000, 'the raw IP gone from the deliveries');
    expect(await inboxHolds(USER_AGENT)).toBe(false);
    expect(await inboxHolds('rita.retention@example.com')).toBe(true);

    await advance('P10D');
    await eventually(
      async () => !(await inboxHolds('rita.retention@example.com')),
      15_000,
      'deliveries past their retention blanked',
    );
    // The rows and their dedup keys stay, so a late redelivery is still recognised.
    const kept = await connector.db.query('SELECT 1 FROM inbox WHERE resource_id = $1', [order.id]);
    expect(kept.rowCount).toBeGreaterThan(0);
  });
});
