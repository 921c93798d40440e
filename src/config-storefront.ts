// The storefront kit's configuration, parsed with the rest of the environment in `loadConfig` (kept apart so
// the main config file stays about the connector's core). Problems are collected, never thrown one by one.
import { createPublicKey } from 'node:crypto';

export interface StorefrontConfig {
  /** Bearer key the merchant's backend uses for `POST /storefront/customer-auth`; unset disables that path. */
  serverKey?: string | undefined;
  /** PEM of the key that verifies `fbuy` tokens; unset: Friendbuy's published key (live), the emulator's (sandbox). */
  fbuyPublicKey?: string | undefined;
  /** `fbuy` tokens older than this are refused (Friendbuy documents no validity window). */
  fbuyMaxAgeHours: number;
  /** URL parameter that carries a referral code on landing pages. */
  referralCodeParam: string;
  /** Origins allowed to call `/storefront/*` from a browser; `['*']` allows any. */
  allowedOrigins: string[];
  /** Friendbuy's SDK; relative URLs are resolved against the connector's URL by the kit. */
  friendbuyScriptUrl: string;
  /** The merchant's widget configuration; `{merchantId}` is replaced. */
  campaignsScriptUrl: string;
}

export const STOREFRONT_SANDBOX_DEFAULTS = {
  CONNECTOR_STOREFRONT_SERVER_KEY: 'sandbox-storefront-server-key',
  FRIENDBUY_SCRIPT_URL: '/sandbox/friendbuy/friendbuy.js',
  FRIENDBUY_CAMPAIGNS_SCRIPT_URL: '/sandbox/friendbuy/campaigns/{merchantId}/campaigns.js',
} as const;

const LIVE_DEFAULTS = {
  FRIENDBUY_SCRIPT_URL: 'https://static.fbot.me/friendbuy.js',
  FRIENDBUY_CAMPAIGNS_SCRIPT_URL: 'https://campaign.fbot.me/{merchantId}/campaigns.js',
} as const;

type Env = Record<string, string | undefined>;

export function parseStorefrontConfig(
  env: Env,
  mode: 'sandbox' | 'live',
  problems: string[],
): StorefrontConfig {
  const defaults = mode === 'sandbox' ? STOREFRONT_SANDBOX_DEFAULTS : LIVE_DEFAULTS;
  const serverKey =
    env.CONNECTOR_STOREFRONT_SERVER_KEY ??
    (mode === 'sandbox' ? STOREFRONT_SANDBOX_DEFAULTS.CONNECTOR_STOREFRONT_SERVER_KEY : undefined);
  if (serverKey !== undefined && serverKey.length < 16)
    problems.push('CONNECTOR_STOREFRONT_SERVER_KEY must be at least 16 characters');

  // Environment variables rarely hold newlines well, so `\n` escapes are accepted in the PEM.
  const fbuyPublicKey = env.FRIENDBUY_FBUY_PUBLIC_KEY?.replaceAll('\\n', '\n');
  if (fbuyPublicKey !== undefined) {
    try {
      const key = createPublicKey(fbuyPublicKey);
      if (key.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
    } catch {
      problems.push('FRIENDBUY_FBUY_PUBLIC_KEY must be an RSA public key in PEM form');
    }
  }

  const maxAgeRaw = env.FRIENDBUY_FBUY_MAX_AGE_HOURS;
  const fbuyMaxAgeHours = maxAgeRaw === undefined ? 720 : Number(maxAgeRaw);
  if (!Number.isInteger(fbuyMaxAgeHours) || fbuyMaxAgeHours < 1 || fbuyMaxAgeHours > 24 * 366)
    problems.push(`FRIENDBUY_FBUY_MAX_AGE_HOURS must be a whole number from 1 to 8784 (got "${maxAgeRaw}")`);

  const referralCodeParam = env.CONNECTOR_STOREFRONT_REFERRAL_PARAM ?? 'referralCode';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(referralCodeParam))
    problems.push(
      'CONNECTOR_STOREFRONT_REFERRAL_PARAM must be a URL parameter name (letters, digits, _ . -)',
    );

  const allowedOrigins = (env.CONNECTOR_STOREFRONT_ORIGINS ?? '*')
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  for (const origin of allowedOrigins) {
    if (origin !== '*' && !isOrigin(origin))
      problems.push(`CONNECTOR_STOREFRONT_ORIGINS entry "${origin}" must look like https://shop.example.com`);
  }

  const friendbuyScriptUrl = env.FRIENDBUY_SCRIPT_URL ?? defaults.FRIENDBUY_SCRIPT_URL;
  const campaignsScriptUrl = env.FRIENDBUY_CAMPAIGNS_SCRIPT_URL ?? defaults.FRIENDBUY_CAMPAIGNS_SCRIPT_URL;
  if (!campaignsScriptUrl.includes('{merchantId}'))
    problems.push('FRIENDBUY_CAMPAIGNS_SCRIPT_URL must contain {merchantId}');

  return {
    serverKey,
    fbuyPublicKey,
    fbuyMaxAgeHours,
    referralCodeParam,
    allowedOrigins,
    friendbuyScriptUrl,
    campaignsScriptUrl,
  };
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}
