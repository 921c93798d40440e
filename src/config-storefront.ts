// The storefront kit's configuration: its variables are a group of the table in src/config/variables.ts, read
// with the rest of the environment by `loadConfig`.
import { type Env, type Mode, readVariables, type ValuesOf } from './config/variable.js';
import { SANDBOX_STOREFRONT_SERVER_KEY, STOREFRONT_VARIABLES } from './config/variables.js';

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

/** The server key a demo backend signs sandbox customers in with. */
export const STOREFRONT_SANDBOX_DEFAULTS = {
  CONNECTOR_STOREFRONT_SERVER_KEY: SANDBOX_STOREFRONT_SERVER_KEY,
} as const;

/** The storefront group alone; problems are collected in `problems`, never thrown one by one. */
export function parseStorefrontConfig(env: Env, mode: Mode, problems: string[]): StorefrontConfig {
  return storefrontConfigFrom(readVariables(STOREFRONT_VARIABLES, env, mode, problems));
}

export function storefrontConfigFrom(values: ValuesOf<typeof STOREFRONT_VARIABLES>): StorefrontConfig {
  return {
    serverKey: values.CONNECTOR_STOREFRONT_SERVER_KEY,
    fbuyPublicKey: values.FRIENDBUY_FBUY_PUBLIC_KEY,
    fbuyMaxAgeHours: values.FRIENDBUY_FBUY_MAX_AGE_HOURS,
    referralCodeParam: values.CONNECTOR_STOREFRONT_REFERRAL_PARAM,
    allowedOrigins: values.CONNECTOR_STOREFRONT_ORIGINS,
    friendbuyScriptUrl: values.FRIENDBUY_SCRIPT_URL,
    campaignsScriptUrl: values.FRIENDBUY_CAMPAIGNS_SCRIPT_URL,
  };
}
