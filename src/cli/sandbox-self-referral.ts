// `ct-friendbuy sandbox self-referral`: the sandbox's demo advocate tries their own referral code on a cart, under
// a gmail variant of their address, and the cart API extension stops it. Prints what commercetools answered.
import { ORDER_FIELDS, ORDER_TYPE_KEY } from '../commercetools/custom-fields.js';
import { SANDBOX_MARKETS, SANDBOX_PRODUCTS } from '../sandbox/commercetools/seed.js';
import { DEMO_ADVOCATE } from '../sandbox/referral-demo.js';
import type { CliContext } from './context.js';

export async function sandboxSelfReferralCommand(context: CliContext, connectorUrl: string): Promise<number> {
  if (context.config.mode !== 'sandbox')
    throw new Error('`sandbox self-referral` only runs against a sandbox connector');
  const market = SANDBOX_MARKETS.eu;
  const email = 'Demo.Advocate+treat@googlemail.com';
  process.stdout.write(
    `${email} (the advocate ${DEMO_ADVOCATE.email}) creates a cart with referral code ` +
      `${DEMO_ADVOCATE.referralCode.toUpperCase()} in store ${market.storeKey} (${market.locale})…\n`,
  );
  try {
    const cart = await context
      .commercetools(connectorUrl)
      .inStoreKeyWithStoreKeyValue({ storeKey: market.storeKey })
      .carts()
      .post({
        body: {
          currency: market.currency,
          country: market.country,
          locale: market.locale,
          customerEmail: email,
          lineItems: [{ sku: SANDBOX_PRODUCTS[0].sku, quantity: 1 }],
          custom: {
            type: { typeId: 'type', key: ORDER_TYPE_KEY },
            fields: { [ORDER_FIELDS.referralCode]: DEMO_ADVOCATE.referralCode.toUpperCase() },
          },
        },
      })
      .execute();
    process.stdout.write(`unexpected: commercetools accepted the cart ${cart.body.id}\n`);
    return 1;
  } catch (error) {
    const body = (error as { body?: unknown }).body;
    if (!body) throw error;
    process.stdout.write(`commercetools refused the cart:\n${JSON.stringify(body, null, 2)}\n`);
    return 0;
  }
}
