// What the storefront flows need, built by the composition root from the general FlowDeps plus the `fbuy` key
// and the customer-token verifier. The flows refuse with coded errors (StorefrontErrorCode), named field first.
import type { KeyObject } from 'node:crypto';
import { type CustomerTokenVerifier, createCustomerTokenVerifier } from '../commercetools/customer-token.js';
import { FRIENDBUY_FBUY_PUBLIC_KEY_PEM } from '../friendbuy/fbuy-public-key.js';
import { fbuyPublicKey } from '../friendbuy/fbuy-token.js';
import type { FlowDeps } from './deps.js';

export interface StorefrontDeps
  extends Pick<FlowDeps, 'clock' | 'logger' | 'commercetools' | 'campaigns' | 'customTypes' | 'config'> {
  /** Verifies `fbuy` tokens: Friendbuy's key live, the emulator's in the sandbox, or FRIENDBUY_FBUY_PUBLIC_KEY. */
  fbuyKey: KeyObject;
  verifyCustomerToken: CustomerTokenVerifier;
}

/** Friendbuy merchants whose tokens this deployment accepts: the configured one and every campaign's. */
export function knownMerchantIds(deps: Pick<StorefrontDeps, 'config' | 'campaigns'>): string[] {
  return [...new Set([deps.config.friendbuy.merchantId, ...deps.campaigns.map((c) => c.merchantId)])];
}

/**
 * @param sandboxFbuyKeyPem the Friendbuy emulator's public key; in the sandbox it signs the `fbuy` tokens.
 */
export function createStorefrontDeps(deps: FlowDeps, sandboxFbuyKeyPem?: string): StorefrontDeps {
  const { commercetools } = deps.config;
  const pem = deps.config.storefront.fbuyPublicKey ?? sandboxFbuyKeyPem ?? FRIENDBUY_FBUY_PUBLIC_KEY_PEM;
  return {
    clock: deps.clock,
    logger: deps.logger,
    commercetools: deps.commercetools,
    campaigns: deps.campaigns,
    customTypes: deps.customTypes,
    config: deps.config,
    fbuyKey: fbuyPublicKey(pem),
    verifyCustomerToken: createCustomerTokenVerifier({
      authUrl: commercetools.authUrl,
      clientId: commercetools.clientId,
      clientSecret: commercetools.clientSecret,
    }),
  };
}
