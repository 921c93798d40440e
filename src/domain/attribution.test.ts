import { describe, expect, it } from 'vitest';
import {
  cartAttributionChanges,
  fbuyAgeProblem,
  formatFbuyPayload,
  landingTime,
  parseFbuyPayload,
  resolveAttribution,
} from './attribution.js';

describe('fbuy payload', () => {
  it('round-trips the eight colon-separated fields, empty identity fields included', () => {
    const text = 'm:p:g:a:shop.example:1700000000::';
    const claims = parseFbuyPayload(text);
    expect(claims).toEqual({
      merchantId: 'm',
      profileId: 'p',
      globalId: 'g',
      attributionId: 'a',
      domain: 'shop.example',
      epoch: 1_700_000_000,
      customerId: undefined,
      email: undefined,
    });
    expect(formatFbuyPayload(claims!)).toBe(text);
  });

  it.each(['', 'a:b:c', 'm:p:g::d:1700000000::', 'm:p:g:a:d:yesterday::'])('rejects %j', (text) => {
    expect(parseFbuyPayload(text)).toBeUndefined();
  });

  it('judges age against the window and a small future skew', () => {
    expect(fbuyAgeProblem(1000, 1000 + 60, 3600)).toBeUndefined();
    expect(fbuyAgeProblem(1000, 1000 + 3601, 3600)).toBe('expired');
    expect(fbuyAgeProblem(1000 + 299, 1000, 3600)).toBeUndefined();
    expect(fbuyAgeProblem(1000 + 301, 1000, 3600)).toBe('issued in the future');
  });
});

describe('resolving attribution', () => {
  it('prefers signed sources: fbuy attribution id, then visitor status; signed code over the URL', () => {
    expect(
      resolveAttribution({
        fbuy: parseFbuyPayload('m:p:g:from-fbuy:d:1::'),
        visitorStatus: { attributionId: 'from-status', referralCode: 'Signed' },
        referralCodeParam: 'signed',
      }),
    ).toEqual({ attributionId: 'from-fbuy', referralCode: 'Signed', ignored: [] });
    expect(resolveAttribution({ referralCodeParam: 'fromurl' })).toEqual({
      attributionId: undefined,
      referralCode: 'fromurl',
      ignored: [],
    });
  });

  it('drops a URL code that contradicts visitor status, and a code Friendbuy blocked, and says so', () => {
    const result = resolveAttribution({
      visitorStatus: { attributionId: 'a', referralCode: 'blocked', referralCodeBlocked: true },
      referralCodeParam: 'other',
    });
    expect(result).toEqual({
      attributionId: 'a',
      referralCode: 'other',
      ignored: ['visitorStatus.payload.referralCode: blocked by Friendbuy'],
    });
    const contradicted = resolveAttribution({
      visitorStatus: { referralCode: 'signed' },
      referralCodeParam: 'forged',
    });
    expect(contradicted.referralCode).toBe('signed');
    expect(contradicted.ignored).toEqual(['referralCode: differs from the signed visitor status']);
  });
});

describe('cart attribution changes', () => {
  const at = new Date('2026-11-25T12:00:00Z');
  const landing = { ipAddress: '203.0.113.9', userAgent: 'UA', at };

  it('writes the attribution with the landing facts', () => {
    expect(
      cartAttributionChanges({}, { attributionId: 'a', referralCode: 'c', ignored: [] }, landing),
    ).toEqual({
      attributionId: 'a',
      referralCode: 'c',
      ipAddress: '203.0.113.9',
      userAgent: 'UA',
      landingAt: '2026-11-25T12:00:00.000Z',
    });
  });

  it('changes nothing when the cart already carries the same attribution (codes compare case-insensitively)', () => {
    const current = { attributionId: 'a', referralCode: 'Code' };
    expect(
      cartAttributionChanges(current, { attributionId: 'a', referralCode: 'code', ignored: [] }, landing),
    ).toBeUndefined();
    expect(cartAttributionChanges(current, { referralCode: 'code', ignored: [] }, landing)).toBeUndefined();
  });

  it('keeps the kit’s landing time unless it is in the future or outside the window', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    const earlier = new Date('2026-11-25T11:50:00Z');
    expect(landingTime(earlier, now, 3600)).toBe(earlier);
    expect(landingTime(new Date('2026-11-25T12:01:00Z'), now, 3600)).toBe(now);
    expect(landingTime(new Date('2026-11-24T12:00:00Z'), now, 3600)).toBe(now);
    expect(landingTime(undefined, now, 3600)).toBe(now);
  });
});
