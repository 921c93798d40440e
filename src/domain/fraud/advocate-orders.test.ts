import { describe, expect, it } from 'vitest';
import { hashIdentifier } from '../identity.js';
import { addressHash } from '../identity-keys.js';
import { type AdvocateOrder, advocateOrdersSharing } from './advocate-orders.js';
import { evaluateSameIpAndUserAgent, evaluateSharedIdentifier } from './match-signals.js';

const KEY = 'k';
const HOME = {
  streetName: 'Main Street',
  streetNumber: '12',
  postalCode: '10001',
  city: 'New York',
  country: 'US',
};
const orders: AdvocateOrder[] = [
  {
    id: 'o3',
    orderNumber: '1050',
    shippingAddress: { ...HOME, streetNumber: '14' },
    ipAddress: '198.51.100.1',
  },
  {
    id: 'o2',
    orderNumber: '1042',
    shippingAddress: { ...HOME, streetName: 'main st.', city: 'NEW YORK' },
    ipAddress: ' 2001:DB8::1 ',
    userAgent: 'Firefox',
    deviceHash: 'device-hash',
    paymentFingerprints: ['fp-other', 'fp-4242'],
  },
  { id: 'o1', orderNumber: '1001', shippingAddress: HOME },
];

/** The signal as the fraud check fires it, from the friend's value hashed the check's way. */
const firedFor = (signal: Parameters<typeof evaluateSharedIdentifier>[0], friend: string | undefined) =>
  evaluateSharedIdentifier(signal, { friend, advocate: [friend] });

describe("the advocate's orders behind a fired signal", () => {
  it('names every order shipped to the address, however it was spelled', () => {
    const fired = firedFor('sameShippingAddress', addressHash(HOME, KEY));
    expect(advocateOrdersSharing([fired], orders, KEY)).toEqual({ sameShippingAddress: ['1042', '1001'] });
  });

  it('matches a card, an IP (any case, any spaces), the IP with the browser, and a device', () => {
    const ip = hashIdentifier('ip', '2001:db8::1', KEY);
    const fired = [
      firedFor('samePaymentFingerprint', hashIdentifier('payment', 'fp-4242', KEY)),
      firedFor('sameIp', ip),
      evaluateSameIpAndUserAgent({
        friend: { ipHash: ip, userAgentHash: hashIdentifier('userAgent', 'Firefox', KEY) },
        advocate: [{ ipHash: ip, userAgentHash: hashIdentifier('userAgent', 'Firefox', KEY) }],
      }),
      firedFor('sameDevice', 'device-hash'),
    ];
    expect(advocateOrdersSharing(fired, orders, KEY)).toEqual({
      samePaymentFingerprint: ['1042'],
      sameIp: ['1042'],
      sameIpAndUserAgent: ['1042'],
      sameDevice: ['1042'],
    });
  });

  it('leaves out a signal no order matches, one without a hash, one hashed with another key, and other signals', () => {
    const fired = [
      firedFor('sameShippingAddress', addressHash({ ...HOME, streetNumber: '99' }, KEY)),
      { signal: 'sameIp', evidence: {} },
      firedFor('samePaymentFingerprint', hashIdentifier('payment', 'fp-4242', 'another key')),
      { signal: 'repeatedAccounts', evidence: { hash: addressHash(HOME, KEY) } },
    ];
    expect(advocateOrdersSharing(fired, orders, KEY)).toEqual({});
  });

  it('matches nothing when neither side knows the value', () => {
    const fired = { signal: 'sameIp', evidence: { hash: '' } };
    expect(advocateOrdersSharing([fired], [{ id: 'o', orderNumber: '1', ipAddress: '  ' }], KEY)).toEqual({});
  });
});
