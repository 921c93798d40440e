// Sandbox: registers the connector's cart API extension with the emulated commercetools (which then calls it
// on cart writes, as commercetools would), and the demo advocates whose referral codes the README shows, known
// to the connector and to the emulated Friendbuy alike, so an order through their links earns a reward, and
// customers in the emulated commercetools, so the console names them. The first can also try their own code,
// to see a self-referral stopped at the cart (`sandbox self-referral`).
import { randomUUID } from 'node:crypto';
import { ensureCartExtension } from '../commercetools/cart-extension-registration.js';
import { findCustomerIdByEmail } from '../commercetools/customer-access.js';
import type { CommercetoolsApi } from '../commercetools/order-access.js';
import type { Config } from '../config.js';
import { hashEmail } from '../domain/identity.js';
import { CART_EXTENSION_PATH } from '../http/routes/cart-extension.js';
import type { Db } from '../store/db.js';
import { rememberReferralCode } from '../store/referral-codes.js';
import type { FriendbuyEmulator } from './friendbuy-emulator/index.js';

export const DEMO_ADVOCATES = [
  {
    email: 'demo.advocate@gmail.com',
    name: ['Demo', 'Advocate'],
    referralCode: 'demo-advocate',
    campaignId: 'sandbox-us-referral',
  },
  {
    email: 'anna.advocate@example.com',
    name: ['Anna', 'Advocate'],
    referralCode: 'anna',
    campaignId: 'sandbox-us-referral',
  },
] as const;

export const DEMO_ADVOCATE = DEMO_ADVOCATES[0];

export async function installSandboxReferralDemo(
  deps: { commercetools: CommercetoolsApi; db: Db; config: Config; now: Date; friendbuy: FriendbuyEmulator },
  connectorUrl: string,
): Promise<void> {
  await ensureCartExtension(deps.commercetools, {
    url: `${connectorUrl}${CART_EXTENSION_PATH}`,
    authorization: deps.config.inbound.extensionSecret,
  });
  for (const advocate of DEMO_ADVOCATES) {
    await rememberReferralCode(
      deps.db,
      {
        code: advocate.referralCode,
        campaignId: advocate.campaignId,
        advocateEmailHash: hashEmail(advocate.email, deps.config.hashKey, deps.config.emailRules),
        source: 'sandbox-demo',
      },
      deps.now,
    );
  }
  deps.friendbuy.addAdvocates(DEMO_ADVOCATES, `${connectorUrl}/sandbox/friendbuy`);
  // Advocates are the merchant's customers: with an account in commercetools the console can name them.
  for (const advocate of DEMO_ADVOCATES) {
    if (await findCustomerIdByEmail(deps.commercetools, advocate.email)) continue;
    const [firstName, lastName] = advocate.name;
    await deps.commercetools
      .customers()
      .post({ body: { email: advocate.email, firstName, lastName, password: randomUUID() } })
      .execute();
  }
}
