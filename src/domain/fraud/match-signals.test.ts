import { describe, expect, it } from 'vitest';
import { hashIdentifier } from '../identity.js';
import { normaliseAddress } from './address.js';
import {
  evaluateSameIpAndUserAgent,
  evaluateSharedIdentifier,
  type SharedIdentifierSignal,
} from './match-signals.js';

const KEY = 'k';
const ip = (value: string) => hashIdentifier('ip', value, KEY);
const ua = (value: string) => hashIdentifier('userAgent', value, KEY);
const device = (value: string) => hashIdentifier('device', value, KEY);
const card = (value: string) => hashIdentifier('payment', value, KEY);
const address = (streetName: string) =>
  hashIdentifier('address', normaliseAddress({ streetName, postalCode: '10115', country: 'DE' }), KEY);

describe('evaluateSharedIdentifier', () => {
  it.each<[SharedIdentifierSignal, string | undefined, (string | undefined)[], boolean]>([
    ['sameIp', ip('203.0.113.7'), [ip('198.51.100.1'), ip('203.0.113.7')], true],
    ['sameIp', ip('2001:DB8::1'), [ip('2001:db8::1')], true],
    ['sameIp', ip('203.0.113.7'), [ip('203.0.113.8')], false],
    ['sameDevice', device('fp-1'), [device('fp-1')], true],
    ['sameDevice', undefined, [undefined], false],
    ['samePaymentFingerprint', card('card_fp_abc'), [card('card_fp_abc')], true],
    ['samePaymentFingerprint', undefined, [card('card_fp_abc')], false],
    ['sameShippingAddress', address('Hauptstraße 5'), [address('Hauptstr. 5')], true],
    ['sameShippingAddress', address('Hauptstraße 5'), [address('Hauptstr. 7')], false],
    ['sameShippingAddress', address('Hauptstraße 5'), [], false],
  ])('%s: friend %s against the advocate → %s', (signal, friend, advocate, fired) => {
    const result = evaluateSharedIdentifier(signal, { friend, advocate });
    expect(result).toEqual({ signal, fired, evidence: fired ? { hash: friend } : {} });
  });
});

describe('evaluateSameIpAndUserAgent', () => {
  const advocate = [{ ipHash: ip('203.0.113.7'), userAgentHash: ua('Firefox') }];
  it.each([
    ['the same IP and browser', { ipHash: ip('203.0.113.7'), userAgentHash: ua('Firefox') }, true],
    [
      'the same IP, another browser (an office)',
      { ipHash: ip('203.0.113.7'), userAgentHash: ua('Safari') },
      false,
    ],
    ['the same browser elsewhere', { ipHash: ip('198.51.100.1'), userAgentHash: ua('Firefox') }, false],
    ['no user agent', { ipHash: ip('203.0.113.7') }, false],
  ])('%s → %s', (_name, friend, fired) => {
    expect(evaluateSameIpAndUserAgent({ friend, advocate })).toMatchObject({
      signal: 'sameIpAndUserAgent',
      fired,
    });
  });
});
