// `ct-friendbuy setup` and `ct-friendbuy teardown`, which commercetools Connect runs as the postDeploy and
// preUndeploy scripts. setup installs or extends the custom types, registers the Subscription on the topic
// Connect provides (Pub/Sub or SNS), and registers the cart API extension where commercetools reaches this
// connector (CONNECTOR_PUBLIC_URL, or CONNECT_SERVICE_URL under Connect). teardown removes the Subscription and
// the extension, never the custom types. Both are the flows in src/flows/project-installation.ts.
import { systemClock } from '../clock.js';
import { scopeList } from '../commercetools/api-scopes.js';
import {
  CART_EXTENSION_CONDITION,
  CART_EXTENSION_KEY,
} from '../commercetools/cart-extension-registration.js';
import { SUBSCRIPTION_KEY } from '../commercetools/subscription.js';
import { type Installation, installInProject, removeFromProject } from '../flows/project-installation.js';
import { CART_EXTENSION_PATH } from '../http/routes/cart-extension.js';
import type { CliContext } from './context.js';

export async function setupCommand(context: CliContext, connectorUrl: string): Promise<number> {
  const { config } = context;
  // A sandbox connector registers itself at start; its own URL is the one its emulated commercetools calls.
  const publicUrl = config.publicUrl ?? (config.mode === 'sandbox' ? connectorUrl : undefined);
  const db = await context.openDb();
  try {
    const installation = await installInProject(
      {
        db,
        commercetools: context.commercetools(connectorUrl),
        config,
        logger: context.logger,
        now: systemClock.now(),
      },
      {
        destination: config.connectDestination,
        extension: publicUrl
          ? {
              url: `${publicUrl.replace(/\/+$/, '')}${CART_EXTENSION_PATH}`,
              authorization: config.inbound.extensionSecret,
            }
          : undefined,
      },
    );
    process.stdout.write(describeInstallation(installation));
    return 0;
  } catch (error) {
    if ((error as { statusCode?: unknown }).statusCode !== 403) throw error;
    throw new Error(
      `commercetools refused a setup call (403): give the API client these scopes: ${scopeList(config.commercetools.projectKey)}`,
    );
  } finally {
    await db.close();
  }
}

export async function teardownCommand(context: CliContext, connectorUrl: string): Promise<number> {
  if (context.config.mode === 'sandbox') return refuseSandboxTeardown(connectorUrl);
  const removed = await removeFromProject(context.commercetools(connectorUrl));
  process.stdout.write(
    `subscription ${SUBSCRIPTION_KEY} ${removed.subscription ? 'removed' : 'was not registered'}\n` +
      `cart API extension ${CART_EXTENSION_KEY} ${removed.extension ? 'removed' : 'was not registered'}\n` +
      'custom types and their fields kept: they hold your data\n',
  );
  return 0;
}

function describeInstallation({ customTypes, subscription, extension }: Installation): string {
  const lines = Object.entries(customTypes).map(([resource, type]) => {
    const change = type.created
      ? 'created'
      : type.addedFields.length > 0
        ? `added ${type.addedFields.join(', ')}`
        : 'already up to date';
    return `custom type for ${resource}: ${type.typeKey} (${change})`;
  });
  if (subscription) {
    const where =
      subscription.destination.type === 'SNS'
        ? `SNS topic ${subscription.destination.topicArn}`
        : `Pub/Sub topic ${subscription.destination.topic}`;
    lines.push(
      `subscription ${SUBSCRIPTION_KEY} ${subscription.created ? 'created' : 'updated'} for ${where}`,
    );
  }
  if (extension)
    lines.push(
      `cart API extension ${CART_EXTENSION_KEY} ${extension.created ? 'created' : 'updated'}: ${extension.url}`,
      `  called on cart Create/Update when: ${CART_EXTENSION_CONDITION}`,
    );
  else
    lines.push(
      'cart API extension: skipped, no public URL. Set CONNECTOR_PUBLIC_URL to the https address commercetools ' +
        'reaches this connector at (Connect sets CONNECT_SERVICE_URL), then run setup again.',
    );
  return `${lines.join('\n')}\n`;
}

/**
 * The sandbox's commercetools is emulated inside the running connector, which registered its own extension and
 * deliveries at start: removing them would silently break that connector, and with no connector there is
 * nothing to remove. So teardown never acts on a sandbox.
 */
async function refuseSandboxTeardown(connectorUrl: string): Promise<number> {
  const running = await sandboxConnectorAt(connectorUrl);
  if (running) {
    process.stderr.write(
      `ct-friendbuy teardown: refused. The sandbox at ${connectorUrl} belongs to the connector running there: its ` +
        'emulated commercetools lives in that process, which registered the cart API extension and the ' +
        'deliveries it needs. Removing them would break it. Stop the connector instead (Ctrl-C): its sandbox ' +
        'project goes with it.\n',
    );
    return 2;
  }
  process.stdout.write(
    `no sandbox connector is running at ${connectorUrl}: the sandbox's emulated project lives only inside a ` +
      'running connector, so there is nothing to remove\n',
  );
  return 0;
}

async function sandboxConnectorAt(connectorUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${connectorUrl}/health/live`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}
