import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCart } from '../../src/commercetools/cart-access.js';
import { ORDER_FIELDS, ORDER_TYPE_KEY } from '../../src/commercetools/custom-fields.js';
import { getOrder } from '../../src/commercetools/order-access.js';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import { emailHashOf } from '../../src/domain/identity.js';
import { createMapiClient } from '../../src/friendbuy/mapi-client.js';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import { readStream, verifyLedger } from '../../src/store/ledger.js';
import { eventually, startTestConnector, type TestConnector } from '../helpers/connector.js';

// What identifies the advocate in raw form: none of it may be left in any table after the erasure.
const ADVOCATE = {
  email: 'ada.erasable@example.com',
  firstName: 'Adalinde',
  lastName: 'Erasmusson',
  street: 'Vergessenstrasse',
  ip: '203.0.113.77',
  userAgent: 'ErasableBrowser/9.1 (privacy-test)',
};

describe('privacy: a deleted customer is erased here and in Friendbuy, and the ledger still verifies', () => {
  let connector: TestConnector;
  const admin = async <T>(path: string, body: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${connector.url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  /** Every table's rows as text, with what each raw identifier of the advocate is found in. */
  const tablesHolding = async (needles: string[]) => {
    const tables = await connector.db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    );
    const found: string[] = [];
    for (const { table_name } of tables.rows) {
      const rows = await connector.db.query<{ text: string }>(
        `SELECT t::text AS text FROM "${table_name}" t`,
      );
      for (const needle of needles) {
        if (rows.rows.some((row) => row.text.toLowerCase().includes(needle.toLowerCase())))
          found.push(`${table_name}: ${needle}`);
      }
    }
    return found;
  };
  const needles = Object.values(ADVOCATE);

  beforeAll(async () => {
    connector = await startTestConnector();
  });
  afterAll(async () => {
    await connector?.close();
  });

  it('forgets the advocate on CustomerDeleted while their rewards keep counting', async () => {
    const advocate = (
      await connector.api
        .customers()
        .post({
          body: {
            email: ADVOCATE.email,
            password: 'secret-123',
            firstName: ADVOCATE.firstName,
            lastName: ADVOCATE.lastName,
            addresses: [
              { country: 'US', streetName: ADVOCATE.street, streetNumber: '5', postalCode: '10001' },
            ],
          },
        })
        .execute()
    ).body.customer;
    // The advocate shops too, from a browser whose IP and user agent the storefront put on the cart.
    const ownOrder = await placeDemoOrder(connector.api, {
      email: ADVOCATE.email,
      customerId: advocate.id,
      shippingAddress: {
        firstName: ADVOCATE.firstName,
        lastName: ADVOCATE.lastName,
        streetName: ADVOCATE.street,
        streetNumber: '5',
        postalCode: '10001',
      },
      custom: {
        typeKey: ORDER_TYPE_KEY,
        fields: { [ORDER_FIELDS.ipAddress]: ADVOCATE.ip, [ORDER_FIELDS.userAgent]: ADVOCATE.userAgent },
      },
    });
    // And has a cart open, carrying what the storefront kit captured.
    const cart = (
      await connector.api
        .carts()
        .post({
          body: {
            currency: 'USD',
            country: 'US',
            customerId: advocate.id,
            customerEmail: ADVOCATE.email,
            custom: {
              type: { typeId: 'type', key: ORDER_TYPE_KEY },
              fields: { [ORDER_FIELDS.ipAddress]: ADVOCATE.ip, [ORDER_FIELDS.userAgent]: ADVOCATE.userAgent },
            },
          },
        })
        .execute()
    ).body;
    expect(cart.custom?.fields[ORDER_FIELDS.userAgent]).toBe(ADVOCATE.userAgent);
    const friendbuy = createMapiClient({
      baseUrl: connector.sandbox.urls.friendbuyApiUrl,
      key: SANDBOX_DEFAULTS.FRIENDBUY_MAPI_KEY,
      secret: SANDBOX_DEFAULTS.FRIENDBUY_MAPI_SECRET,
    });
    const purl = await friendbuy.createPersonalReferralLink({
      email: ADVOCATE.email,
      campaignId: 'sandbox-us-referral',
      customerId: advocate.id,
    });
    await placeDemoOrder(connector.api, {
      email: 'fred.keeps@example.com',
      custom: { typeKey: ORDER_TYPE_KEY, fields: { [ORDER_FIELDS.referralCode]: purl.referralCode } },
    });
    const reward = await eventually(
      async () =>
        (
          await connector.db.query<{ reward_id: string; amount: string; state: string }>(
            `SELECT reward_id, amount, state FROM rewards
             WHERE kind = 'advocateReward' AND customer_id = $1 AND state = 'available'`,
            [advocate.id],
          )
        ).rows[0],
      30_000,
      'the advocate reward',
    );
    await eventually(
      async () => (await tablesHolding([ADVOCATE.email])).length > 0,
      10_000,
      'the advocate recorded',
    );

    // Readers see the advocate's identifiers; the stored ledger text holds them only sealed.
    const facts = await readStream(connector.db, `order:${ownOrder.id}`);
    expect(facts.find((event) => event.type === 'order.created')?.data.customerId).toBe(advocate.id);
    const sealedText = await connector.db.query<{ text: string }>(
      'SELECT data::text AS text FROM ledger WHERE stream = $1',
      [`order:${ownOrder.id}`],
    );
    expect(sealedText.rows.map((row) => row.text).join()).not.toContain(advocate.id);

    // Export before erasure: the connector's record and Friendbuy's.
    const before = await admin<{ connector: { rewards: unknown[]; orders: unknown[] }; friendbuy: unknown }>(
      '/admin/api/privacy/exports',
      { customerId: advocate.id, email: ADVOCATE.email },
    );
    expect(before.status).toBe(200);
    expect(before.body.connector.rewards).toHaveLength(1);
    expect(before.body.connector.orders).toHaveLength(1);
    expect(JSON.stringify(before.body.friendbuy)).toContain(ADVOCATE.email);

    await connector.api
      .customers()
      .withId({ ID: advocate.id })
      .delete({ queryArgs: { version: advocate.version } })
      .execute();

    await eventually(
      () => connector.friendbuyCalls('/v1/user-data').some((call) => call.method === 'DELETE'),
      20_000,
      'DELETE /v1/user-data at Friendbuy',
    );
    const erasure = await eventually(
      async () =>
        (
          await connector.db.query<{ status: string; friendbuy_job_id: string; scope: string[] }>(
            `SELECT status, friendbuy_job_id, scope FROM erasures WHERE status = 'completed'`,
          )
        ).rows[0],
      30_000,
      'Friendbuy confirming the erasure',
    );
    expect(erasure.friendbuy_job_id).toBeTruthy();
    await eventually(
      async () =>
        (await getOrder(connector.api, ownOrder.id))?.custom?.fields[ORDER_FIELDS.ipAddress] === undefined,
      20_000,
      'the raw IP gone from the advocate’s order',
    );

    await eventually(
      async () =>
        (await getCart(connector.api, cart.id))?.custom?.fields[ORDER_FIELDS.userAgent] === undefined,
      20_000,
      'the user agent gone from the advocate’s cart',
    );
    expect(await tablesHolding(needles)).toEqual([]);
    expect((await verifyLedger(connector.db)).breaks).toEqual([]);
    // The ledger kept its events, but their personal fields can no longer be opened: the keys are gone.
    const ownOrderFacts = await readStream(connector.db, `order:${ownOrder.id}`);
    expect(ownOrderFacts.find((event) => event.type === 'order.created')?.data).toMatchObject({
      total: { centAmount: ownOrder.totalPrice.centAmount },
    });
    for (const event of ownOrderFacts) expect(event.data).not.toHaveProperty('customerId');
    const ledgerText = await connector.db.query<{ text: string }>('SELECT data::text AS text FROM ledger');
    for (const row of ledgerText.rows) {
      expect(row.text).not.toContain(advocate.id);
      expect(row.text).not.toContain(emailHashOf(connector.config, ADVOCATE.email));
    }
    const erased = await connector.db.query<{ type: string; data: Record<string, unknown> }>(
      `SELECT type, data FROM ledger WHERE stream LIKE 'erasure:%' ORDER BY id`,
    );
    expect(erased.rows.map((row) => row.type)).toEqual([
      'privacy.erased',
      'privacy.friendbuy-erasure-requested',
      'privacy.friendbuy-erasure-confirmed',
    ]);
    expect(JSON.stringify(erased.rows)).not.toContain(advocate.id);

    // The reward still counts: its amount and state stay, only its recipient is gone.
    const kept = await connector.db.query<{ amount: string; state: string; customer_id: string | null }>(
      'SELECT amount, state, customer_id FROM rewards WHERE reward_id = $1',
      [reward.reward_id],
    );
    expect(kept.rows[0]).toEqual({ amount: reward.amount, state: reward.state, customer_id: null });

    const after = await admin<{ connector: Record<string, unknown[]>; friendbuy: unknown }>(
      '/admin/api/privacy/exports',
      { email: ADVOCATE.email },
    );
    for (const [table, rows] of Object.entries(after.body.connector)) expect(rows, table).toEqual([]);
    for (const needle of needles.slice(1)) expect(JSON.stringify(after.body)).not.toContain(needle);
    expect(after.body.friendbuy).toEqual({ customers: [], referralLinks: [] });
  });

  it('erases a guest through the admin API, by email, and tells where the erasure stands', async () => {
    const email = 'gus.guest@example.com';
    const order = await placeDemoOrder(connector.api, { email });
    await eventually(
      async () =>
        (await connector.db.query('SELECT 1 FROM customer_orders WHERE order_id = $1', [order.id])).rowCount >
        0,
      15_000,
      'the guest order recorded',
    );
    const erased = await admin<{ erasureId: string; orders: number }>('/admin/api/privacy/erasures', {
      email,
    });
    expect(erased.status).toBe(202);
    expect(erased.body.orders).toBe(1);
    // Friendbuy knows a guest by the pseudonymous customer id the purchase report sent, and by email.
    await eventually(
      () =>
        connector
          .friendbuyCalls('/v1/user-data')
          .some(
            (call) =>
              call.method === 'DELETE' &&
              call.query?.email === email &&
              String(call.query?.customerId).startsWith('guest_'),
          ),
      20_000,
      'DELETE /v1/user-data for the guest',
    );
    const status = async () =>
      (
        await fetch(`${connector.url}/admin/api/privacy/erasures/${erased.body.erasureId}`, {
          headers: { authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}` },
        })
      ).json() as Promise<{ status: string; scope: string[] }>;
    await eventually(
      async () => (await status()).status === 'completed',
      20_000,
      'the guest erasure completed',
    );
    expect((await status()).scope).toEqual(['email']);
    expect(await tablesHolding([email])).toEqual([]);
  });

  it('refuses an erasure without the admin token', async () => {
    const response = await fetch(`${connector.url}/admin/api/privacy/erasures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'x@example.com' }),
    });
    expect(response.status).toBe(401);
  });

  it('refuses an erasure that names nobody, naming the field', async () => {
    const refused = await admin<{ message: string }>('/admin/api/privacy/erasures', {});
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('email');
  });
});
