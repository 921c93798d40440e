// `ct-friendbuy setup`: installs or extends the connector's custom types (never deleting merchant fields), and
// when deployed by commercetools Connect (CONNECT_GCP_TOPIC_NAME / CONNECT_GCP_PROJECT_ID are set), registers
// the Subscription that delivers the messages the connector handles.

import { systemClock } from '../clock.js';
import { scopeList } from '../commercetools/api-scopes.js';
import { ensureSubscription, messageSubscriptions } from '../commercetools/subscription.js';
import { HANDLED_MESSAGE_TYPES } from '../flows/receive-commercetools-delivery.js';
import { runSetup } from '../flows/setup.js';
import type { CliContext } from './context.js';

export async function setupCommand(
  context: CliContext,
  options: { connectorUrl?: string | undefined; gcp?: { projectId: string; topic: string } | undefined },
): Promise<number> {
  const db = await context.openDb();
  try {
    const commercetools = context.commercetools(options.connectorUrl);
    const result = await runSetup({
      db,
      commercetools,
      config: context.config,
      logger: context.logger,
      now: systemClock.now(),
    });
    for (const [resource, type] of Object.entries(result)) {
      const change = type.created
        ? 'created'
        : type.addedFields.length > 0
          ? `added ${type.addedFields.join(', ')}`
          : 'already up to date';
      process.stdout.write(`custom type for ${resource}: ${type.typeKey} (${change})\n`);
    }
    if (options.gcp) {
      const { created } = await ensureSubscription(
        commercetools,
        { type: 'GoogleCloudPubSub', projectId: options.gcp.projectId, topic: options.gcp.topic },
        messageSubscriptions(HANDLED_MESSAGE_TYPES),
      );
      process.stdout.write(
        `subscription ${created ? 'created' : 'updated'} for Pub/Sub topic ${options.gcp.topic}\n`,
      );
    }
    return 0;
  } catch (error) {
    if ((error as { statusCode?: unknown }).statusCode !== 403) throw error;
    throw new Error(
      `commercetools refused a setup call (403): give the API client these scopes: ${scopeList(context.config.commercetools.projectKey)}`,
    );
  } finally {
    await db.close();
  }
}
