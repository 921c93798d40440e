// Sandbox: registers the connector's cart API extension with the emulated commercetools (which then calls it
// on cart writes, as commercetools would), and a demo advocate whose referral code shoppers can try — on
// themselves too, to see a self-referral stopped at the cart (`ct-friendbuy sandbox self-referral`).
import { ensureCartExtension } from '../commercetools/cart-extension-registration.js';
import type { CommercetoolsApi } from '../commercetools/order-access.js';
import type { Config } from '../config.js';
import { hashEmail } from '../domain/identity.js';
import { CART_EXTENSION_PATH } from '../http/routes/cart-extension.js';
import type { Db } from '../store/db.js';
import { rememberReferralCode } from '../store/referral-codes.js';

export const DEMO_ADVOCATE = {
  email: 'demo.advocate@gmail.com',
  referralCode: 'demo-advocate',
  campaignId: 'sandbox-us-referral',
} as const;

export async function installSandboxReferralDemo(
  deps: { commercetools: CommercetoolsApi; db: Db; config: Config; now: Date },
  connectorUrl: string,
): Promise<void> {
  await ensureCartExtension(deps.commercetools, {
    url: `${connectorUrl}${CART_EXTENSION_PATH}`,
    authorization: deps.config.inbound.extensionSecret,
  });
  await rememberReferralCode(
    deps.db,
    {
      code: DEMO_ADVOCATE.referralCode,
      campaignId: DEMO_ADVOCATE.campaignId,
      advocateEmailHash: hashEmail(DEMO_ADVOCATE.email, deps.config.hashKey, deps.config.emailRules),
      source: 'sandbox-demo',
    },
    deps.now,
  );
}
