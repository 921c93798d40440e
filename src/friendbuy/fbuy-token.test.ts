import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FbuyClaims } from '../domain/attribution.js';
import { FRIENDBUY_FBUY_PUBLIC_KEY_PEM } from './fbuy-public-key.js';
import { fbuyPublicKey, signFbuyToken, verifyFbuyToken } from './fbuy-token.js';

const MERCHANT = '00000000-0000-4000-8000-000000000001';
const NOW = new Date('2026-11-25T12:00:00Z');
const nowSeconds = NOW.getTime() / 1000;
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const options = { now: NOW, maxAgeSeconds: 3600, merchantIds: [MERCHANT] };

const claims: FbuyClaims = {
  merchantId: MERCHANT,
  profileId: 'profile-1',
  globalId: 'global-1',
  attributionId: 'attr-1',
  domain: 'shop.example.com',
  epoch: nowSeconds - 60,
  customerId: undefined,
  email: undefined,
};

const b64 = (value: string) => Buffer.from(value).toString('base64url');

describe('fbuy token verification', () => {
  it('accepts a token signed with the configured key and reads its claims', () => {
    const result = verifyFbuyToken(signFbuyToken(claims, keys.privateKey), keys.publicKey, options);
    expect(result).toEqual({ ok: true, claims });
  });

  it('reads a payload sent as a JSON string, and a domain with a port', () => {
    const header = b64(JSON.stringify({ alg: 'RS256' }));
    const payload = b64(JSON.stringify(`${MERCHANT}:p:g:attr-9:shop.example:8443:${nowSeconds}:c-1:a@b.co`));
    const signature = sign('sha256', Buffer.from(`${header}.${payload}`), keys.privateKey).toString(
      'base64url',
    );
    const result = verifyFbuyToken(`${header}.${payload}.${signature}`, keys.publicKey, options);
    expect(result).toMatchObject({
      ok: true,
      claims: { attributionId: 'attr-9', domain: 'shop.example:8443', customerId: 'c-1', email: 'a@b.co' },
    });
  });

  it('refuses a forged signature', () => {
    const [header, , signature] = signFbuyToken(claims, keys.privateKey).split('.');
    const forgedPayload = b64(`${MERCHANT}:p:g:attr-forged:shop.example.com:${nowSeconds}::`);
    const result = verifyFbuyToken(`${header}.${forgedPayload}.${signature}`, keys.publicKey, options);
    expect(result).toEqual({ ok: false, reason: 'signature does not verify' });
  });

  it('refuses a token signed with another key, including Friendbuy’s own when the sandbox key is configured', () => {
    const token = signFbuyToken(claims, other.privateKey);
    expect(verifyFbuyToken(token, keys.publicKey, options)).toMatchObject({ ok: false });
    const friendbuyKey = fbuyPublicKey(FRIENDBUY_FBUY_PUBLIC_KEY_PEM);
    expect(verifyFbuyToken(token, friendbuyKey, options)).toEqual({
      ok: false,
      reason: 'signature does not verify',
    });
  });

  it('refuses tokens older than the maximum age, or from the future', () => {
    const old = signFbuyToken({ ...claims, epoch: nowSeconds - 3601 }, keys.privateKey);
    expect(verifyFbuyToken(old, keys.publicKey, options)).toEqual({ ok: false, reason: 'expired' });
    const future = signFbuyToken({ ...claims, epoch: nowSeconds + 3600 }, keys.privateKey);
    expect(verifyFbuyToken(future, keys.publicKey, options)).toEqual({
      ok: false,
      reason: 'issued in the future',
    });
    const millis = signFbuyToken({ ...claims, epoch: (nowSeconds - 30) * 1000 }, keys.privateKey);
    expect(verifyFbuyToken(millis, keys.publicKey, options)).toMatchObject({ ok: true });
  });

  it('refuses a token issued for another merchant', () => {
    const token = signFbuyToken({ ...claims, merchantId: 'someone-else' }, keys.privateKey);
    expect(verifyFbuyToken(token, keys.publicKey, options)).toEqual({
      ok: false,
      reason: 'issued for another Friendbuy merchant',
    });
  });

  it('refuses an algorithm other than RS256, whatever the signature', () => {
    const payload = b64(`${MERCHANT}:p:g:a:d:${nowSeconds}::`);
    const none = `${b64(JSON.stringify({ alg: 'none' }))}.${payload}.${b64('x')}`;
    expect(verifyFbuyToken(none, keys.publicKey, options)).toEqual({
      ok: false,
      reason: 'not signed with RS256',
    });
  });

  it.each([
    ['empty', ''],
    ['two parts', 'a.b'],
    ['bad characters', 'a.b+c.d'],
    ['too long', `${'a'.repeat(5000)}.b.c`],
  ])('refuses a malformed token (%s)', (_name, token) => {
    expect(verifyFbuyToken(token, keys.publicKey, options)).toMatchObject({ ok: false });
  });

  it('refuses a signed payload that is not the attribution string', () => {
    const header = b64(JSON.stringify({ alg: 'RS256' }));
    const payload = b64('just-a-string');
    const signature = sign('sha256', Buffer.from(`${header}.${payload}`), keys.privateKey).toString(
      'base64url',
    );
    expect(verifyFbuyToken(`${header}.${payload}.${signature}`, keys.publicKey, options)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^payload is not/),
    });
  });
});
