import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from './signature.js';

const KEY = 'secret-key';
const body = Buffer.from('{"id":"w-1","type":"advocateReward","data":[]}');

describe('Friendbuy signature', () => {
  it('accepts the Base64 HMAC-SHA256 of the raw body', () => {
    expect(verifySignature(body, signBody(body, KEY), KEY)).toBe(true);
  });

  it.each([
    ['a signature made with another key', signBody(body, 'other')],
    ['a missing signature', undefined],
    ['an empty signature', ''],
    ['garbage', 'not base64 at all !!'],
    [
      'a signature over a re-serialised body',
      signBody(JSON.stringify(JSON.parse(body.toString()), null, 1), KEY),
    ],
  ])('rejects %s', (_name, signature) => {
    expect(verifySignature(body, signature, KEY)).toBe(false);
  });

  it('matches the published example length (32 bytes, Base64)', () => {
    expect(Buffer.from(signBody(body, KEY), 'base64')).toHaveLength(32);
  });
});
