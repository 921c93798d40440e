import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseStorefrontConfig } from './config-storefront.js';

const parse = (env: Record<string, string>, mode: 'sandbox' | 'live' = 'live') => {
  const problems: string[] = [];
  return { config: parseStorefrontConfig(env, mode, problems), problems };
};

describe('storefront configuration', () => {
  it('defaults to Friendbuy’s scripts live and the emulator’s in the sandbox, with a sandbox server key', () => {
    expect(parse({}).config).toEqual({
      serverKey: undefined,
      fbuyPublicKey: undefined,
      fbuyMaxAgeHours: 720,
      referralCodeParam: 'referralCode',
      allowedOrigins: ['*'],
      friendbuyScriptUrl: 'https://static.fbot.me/friendbuy.js',
      campaignsScriptUrl: 'https://campaign.fbot.me/{merchantId}/campaigns.js',
    });
    const sandbox = parse({}, 'sandbox').config;
    expect(sandbox.serverKey).toBe('sandbox-storefront-server-key');
    expect(sandbox.friendbuyScriptUrl).toBe('/sandbox/friendbuy/friendbuy.js');
  });

  it('accepts a PEM public key with \\n escapes, origins and a custom referral parameter', () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    const { config, problems } = parse({
      FRIENDBUY_FBUY_PUBLIC_KEY: pem.replaceAll('\n', '\\n'),
      CONNECTOR_STOREFRONT_ORIGINS: 'https://shop.example.com, https://www.shop.example.com/',
      CONNECTOR_STOREFRONT_REFERRAL_PARAM: 'fbuy_ref_code',
      FRIENDBUY_FBUY_MAX_AGE_HOURS: '24',
    });
    expect(problems).toEqual([]);
    expect(config.fbuyPublicKey).toBe(pem);
    expect(config.allowedOrigins).toEqual(['https://shop.example.com', 'https://www.shop.example.com']);
    expect(config.referralCodeParam).toBe('fbuy_ref_code');
    expect(config.fbuyMaxAgeHours).toBe(24);
  });

  it('names every malformed variable', () => {
    const { problems } = parse({
      CONNECTOR_STOREFRONT_SERVER_KEY: 'short',
      FRIENDBUY_FBUY_PUBLIC_KEY: 'not a key',
      FRIENDBUY_FBUY_MAX_AGE_HOURS: '0',
      CONNECTOR_STOREFRONT_REFERRAL_PARAM: 'a b',
      CONNECTOR_STOREFRONT_ORIGINS: 'shop.example.com',
      FRIENDBUY_CAMPAIGNS_SCRIPT_URL: 'https://cdn.example/campaigns.js',
    });
    expect(problems.map((problem) => problem.split(' ')[0])).toEqual([
      'CONNECTOR_STOREFRONT_SERVER_KEY',
      'FRIENDBUY_FBUY_PUBLIC_KEY',
      'FRIENDBUY_FBUY_MAX_AGE_HOURS',
      'CONNECTOR_STOREFRONT_REFERRAL_PARAM',
      'CONNECTOR_STOREFRONT_ORIGINS',
      'FRIENDBUY_CAMPAIGNS_SCRIPT_URL',
    ]);
  });
});
