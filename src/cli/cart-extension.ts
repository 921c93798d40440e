// `ct-friendbuy setup` (the cart extension part) and `ct-friendbuy teardown`: register the cart API extension
// where commercetools can reach the connector (CONNECTOR_PUBLIC_URL, or CONNECT_SERVICE_URL under Connect), or
// remove it, so a connector that is gone does not stand between shoppers and their carts.
import {
  CART_EXTENSION_CONDITION,
  CART_EXTENSION_KEY,
  ensureCartExtension,
  removeCartExtension,
} from '../commercetools/cart-extension-registration.js';
import { CART_EXTENSION_PATH } from '../http/routes/cart-extension.js';
import type { CliContext } from './context.js';

export async function cartExtensionSetupCommand(context: CliContext, connectorUrl: string): Promise<number> {
  const { config } = context;
  // A sandbox connector registers itself at start; its own URL is the one its emulated commercetools calls.
  const publicUrl = config.publicUrl ?? (config.mode === 'sandbox' ? connectorUrl : undefined);
  if (!publicUrl) {
    process.stdout.write(
      'cart API extension: skipped, no public URL. Set CONNECTOR_PUBLIC_URL to the https address commercetools ' +
        'reaches this connector at (Connect sets CONNECT_SERVICE_URL), then run setup again.\n',
    );
    return 0;
  }
  const url = `${publicUrl}${CART_EXTENSION_PATH}`;
  const { created } = await ensureCartExtension(context.commercetools(connectorUrl), {
    url,
    authorization: config.inbound.extensionSecret,
  });
  process.stdout.write(
    `cart API extension ${CART_EXTENSION_KEY} ${created ? 'created' : 'updated'}: ${url}\n` +
      `  called on cart Create/Update when: ${CART_EXTENSION_CONDITION}\n`,
  );
  return 0;
}

export async function teardownCommand(context: CliContext, connectorUrl: string): Promise<number> {
  const removed = await removeCartExtension(context.commercetools(connectorUrl));
  process.stdout.write(
    removed
      ? `cart API extension ${CART_EXTENSION_KEY} removed\n`
      : `cart API extension ${CART_EXTENSION_KEY} was not registered\n`,
  );
  return 0;
}
