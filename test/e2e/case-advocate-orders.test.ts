// A review case names the advocate's own orders behind a signal ("ships to an address the advocate used on
// order …"), read live from the sandbox's commercetools: the store only ever kept the address's hash.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_FIELDS, ORDER_TYPE_KEY } from '../../src/commercetools/custom-fields.js';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import { findReviewOfOrder } from '../../src/store/reviews.js';
import { eventually, startTestConnector, type TestConnector } from '../helpers/connector.js';
import { addressLinked, advocateReferralCode, signUp } from '../helpers/customers.js';
import { CARD_FINGERPRINT_FIELD, cardPayment, createPspPaymentType } from '../helpers/payments.js';

const ADMIN = { authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}` };
const HOME = { streetName: 'Main Street', streetNumber: '12', postalCode: '10001', city: 'New York' };
const IP = { typeKey: ORDER_TYPE_KEY, fields: { [ORDER_FIELDS.ipAddress]: '203.0.113.7' } };

describe("a review case names the advocate's orders behind a signal", () => {
  let connector: TestConnector;
  beforeAll(async () => {
    connector = await startTestConnector({ CONNECTOR_REFERRAL_CODE_ON_SIGNUP: 'true' });
  });
  afterAll(async () => {
    await connector?.close();
  });

  it('says on which of the advocate’s orders they shipped to the friend’s address and used their IP', async () => {
    const run = randomUUID().slice(0, 8);
    const advocate = await signUp(connector, `home.advocate.${run}@example.com`);
    const code = await advocateReferralCode(connector, advocate.id);
    const ordered = (orderNumber: string, shippingAddress: Record<string, string>) =>
      placeDemoOrder(connector.api, {
        email: advocate.email,
        customerId: advocate.id,
        orderNumber,
        shippingAddress,
        custom: IP,
      });
    await ordered(`A-${run}-1`, HOME);
    await ordered(`A-${run}-2`, { ...HOME, streetNumber: '14' });
    // The advocate's orders are seen, and their address linked, before the friend orders.
    await addressLinked(connector, advocate.id);
    const friend = await signUp(connector, `home.friend.${run}@example.com`);
    const order = await placeDemoOrder(connector.api, {
      email: friend.email,
      customerId: friend.id,
      orderNumber: `F-${run}`,
      shippingAddress: { streetName: 'main st.', streetNumber: '12', postalCode: '10001', city: 'NEW YORK' },
      custom: { typeKey: ORDER_TYPE_KEY, fields: { ...IP.fields, [ORDER_FIELDS.referralCode]: code } },
    });
    const review = await eventually(() => findReviewOfOrder(connector.db, order.id), 20_000, 'the case');

    const response = await fetch(`${connector.url}/admin/api/reviews/${review.id}`, { headers: ADMIN });
    expect(response.status).toBe(200);
    const { signals } = (await response.json()) as { signals: { signal: string; explanation: string }[] };
    const said = Object.fromEntries(signals.map((s) => [s.signal, s.explanation]));
    expect(said.sameShippingAddress).toBe(`ships to an address the advocate used on order A-${run}-1`);
    expect(said.sameIp).toMatch(
      new RegExp(`^placed from an IP address the advocate used on orders A-${run}-[12] and A-${run}-[12]`),
    );
    expect(JSON.stringify(signals)).not.toContain('Main');
  });
});

describe("a review case names the advocate's orders paid with the friend's card", () => {
  let connector: TestConnector;
  beforeAll(async () => {
    connector = await startTestConnector({
      CONNECTOR_REFERRAL_CODE_ON_SIGNUP: 'true',
      CONNECTOR_PAYMENT_FINGERPRINT_FIELD: CARD_FINGERPRINT_FIELD,
    });
    await createPspPaymentType(connector.api);
  });
  afterAll(async () => {
    await connector?.close();
  });

  it('says on which of the advocate’s orders the card was used', async () => {
    const run = randomUUID().slice(0, 8);
    const advocate = await signUp(connector, `card.advocate.${run}@example.com`);
    const code = await advocateReferralCode(connector, advocate.id);
    for (const [n, card] of [
      [1, 'fp-4242'],
      [2, 'fp-other'],
    ] as const)
      await placeDemoOrder(connector.api, {
        email: advocate.email,
        customerId: advocate.id,
        orderNumber: `C-${run}-${n}`,
        paymentIds: [await cardPayment(connector.api, card)],
      });
    const friend = await signUp(connector, `card.friend.${run}@example.com`);
    const order = await placeDemoOrder(connector.api, {
      email: friend.email,
      customerId: friend.id,
      paymentIds: [await cardPayment(connector.api, 'fp-4242')],
      custom: { typeKey: ORDER_TYPE_KEY, fields: { [ORDER_FIELDS.referralCode]: code } },
    });
    const review = await eventually(() => findReviewOfOrder(connector.db, order.id), 20_000, 'the case');

    const response = await fetch(`${connector.url}/admin/api/reviews/${review.id}`, { headers: ADMIN });
    const { signals } = (await response.json()) as { signals: { signal: string; explanation: string }[] };
    expect(signals).toContainEqual(
      expect.objectContaining({
        signal: 'samePaymentFingerprint',
        explanation: `paid with a card the advocate used on order C-${run}-1`,
      }),
    );
    expect(JSON.stringify(signals)).not.toContain('fp-4242');
  });
});
