import { describe, expect, it } from 'vitest';
import { signBody } from './signature.js';
import { verifyVisitorStatus } from './visitor-status.js';

const SECRET = 'secret-key';
// Key order as Friendbuy might send it, not alphabetical: verification must not reorder.
const payload = {
  referralCode: 'annfriend',
  attributionId: 'attr-1',
  campaignId: 'c-1',
  isSelfReferral: false,
  advocate: { firstName: 'Ann', customerId: 'adv-1' },
};

describe('visitor status signatures', () => {
  it('accepts a signature over the JSON text of the payload as received', () => {
    const signature = signBody(JSON.stringify(payload), SECRET);
    const received = JSON.parse(JSON.stringify({ payload, signature }));
    expect(verifyVisitorStatus(received, SECRET)).toEqual({ ok: true, payload, signedBytes: 'json' });
  });

  it('accepts a signature over a base64 payload (text or bytes), and reads the payload from it', () => {
    const base64Payload = Buffer.from(JSON.stringify(payload)).toString('base64');
    for (const signed of [base64Payload, Buffer.from(base64Payload, 'base64')]) {
      const result = verifyVisitorStatus(
        { payload: { referralCode: 'ignored' }, base64Payload, signature: signBody(signed, SECRET) },
        SECRET,
      );
      expect(result).toEqual({ ok: true, payload, signedBytes: 'base64Payload' });
    }
  });

  it('refuses a forged status: changed payload, other key, or no signature', () => {
    const signature = signBody(JSON.stringify(payload), SECRET);
    const changed = { ...payload, referralCode: 'mallory' };
    expect(verifyVisitorStatus({ payload: changed, signature }, SECRET)).toEqual({
      ok: false,
      reason: 'does not match the payload',
    });
    const otherKey = signBody(JSON.stringify(payload), 'another-key');
    expect(verifyVisitorStatus({ payload, signature: otherKey }, SECRET).ok).toBe(false);
    expect(verifyVisitorStatus({ payload, signature: '' }, SECRET).ok).toBe(false);
  });

  it('refuses a signed base64 payload that is not a JSON object', () => {
    const base64Payload = Buffer.from('[1,2]').toString('base64');
    expect(
      verifyVisitorStatus({ base64Payload, signature: signBody(base64Payload, SECRET) }, SECRET),
    ).toEqual({ ok: false, reason: 'base64Payload is not a JSON object' });
  });
});
