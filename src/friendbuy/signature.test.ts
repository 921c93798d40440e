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
    ['a valid signature followed by junk', `${signBody(body, KEY)}!!~~`],
    ['a valid signature with more base64 after it', `${signBody(body, KEY)}AAAA`],
    ['two signatures joined with a comma', `${signBody(body, KEY)}, ${signBody(body, 'other')}`],
    ['the same signature twice', `${signBody(body, KEY)},${signBody(body, KEY)}`],
    ['base64url', toBase64Url(signBody(body, KEY))],
    ['the signature without padding', signBody(body, KEY).replace(/=$/, '')],
    ['the signature padded with spaces', ` ${signBody(body, KEY)} `],
    ['two header values', [signBody(body, KEY), signBody(body, KEY)]],
  ])('rejects %s', (_name, signature) => {
    expect(verifySignature(body, signature, KEY)).toBe(false);
  });

  it('matches the published example length (32 bytes, Base64)', () => {
    expect(Buffer.from(signBody(body, KEY), 'base64')).toHaveLength(32);
  });
});

/** The same bytes in base64url; forced to differ from base64 by a signature that contains `+` or `/`. */
function toBase64Url(signature: string): string {
  const url = signature.replace(/\+/g, '-').replace(/\//g, '_');
  return url === signature ? `${url.slice(0, 42)}-=` : url;
}
