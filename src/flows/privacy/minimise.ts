// Data minimisation, as two recurring jobs. Raw IP addresses and user agents on orders are what the fraud check
// compares within its window; past CONNECTOR_RAW_IDENTIFIER_DAYS they are replaced on the order (and in its
// recorded deliveries) by the same keyed hashes the identity store keeps, so later comparisons still work and
// the raw values are gone. Recorded deliveries lose their payload after CONNECTOR_INBOX_RETENTION_DAYS.
import type { Order } from '@commercetools/platform-sdk';
import { ORDER_FIELDS } from '../../commercetools/custom-fields.js';
import { getOrder } from '../../commercetools/order-access.js';
import { DAY_MS, HOUR_MS } from '../../domain/durations.js';
import { hashIdentifier } from '../../domain/identity.js';
import {
  type OrderCursor,
  ordersPlacedBefore,
  purgeDeliveriesBefore,
  replaceDeliveredShopperIdentifiers,
} from '../../store/retention.js';
import { readSetting, writeSetting } from '../../store/settings.js';
import type { FlowDeps } from '../deps.js';
import { defineJob, type HandlerOf } from '../job.js';
import { JOB } from '../job-kinds.js';
import { projectOrderFields } from '../project-order-fields.js';

const CURSOR = 'privacy.minimised-through';
/** Orders per run: the next run continues from the cursor. */
const BATCH = 200;
const HASHED = /^[0-9a-f]{64}$/;

/** The keyed hashes that replace an order's raw shopper identifiers; empty when there are none left. */
export function hashedShopperFields(order: Pick<Order, 'custom'>, hashKey: string): Record<string, string> {
  const fields = order.custom?.fields ?? {};
  const replace = (name: string, kind: 'ip' | 'userAgent') => {
    const value = fields[name];
    return typeof value === 'string' && value !== '' && !HASHED.test(value)
      ? [[name, hashIdentifier(kind, value, hashKey)] as const]
      : [];
  };
  return Object.fromEntries([
    ...replace(ORDER_FIELDS.ipAddress, 'ip'),
    ...replace(ORDER_FIELDS.userAgent, 'userAgent'),
  ]);
}

export async function minimiseShopperIdentifiers(
  deps: FlowDeps,
): Promise<{ orders: number; hashed: number }> {
  const before = new Date(deps.clock.now().getTime() - deps.config.privacy.rawIdentifierDays * DAY_MS);
  const cursor = await readSetting<OrderCursor>(deps.db, CURSOR);
  const orders = await ordersPlacedBefore(deps.db, before, cursor, BATCH);
  let hashed = 0;
  for (const { orderId, createdAt } of orders) {
    const order = await getOrder(deps.commercetools, orderId);
    const fields = order ? hashedShopperFields(order, deps.config.hashKey) : {};
    if (Object.keys(fields).length > 0) {
      await projectOrderFields(deps, orderId, fields);
      hashed++;
    }
    await deps.db.transaction(async (tx) => {
      await replaceDeliveredShopperIdentifiers(tx, orderId, fields);
      await writeSetting(tx, CURSOR, { createdAt: createdAt.toISOString(), orderId }, deps.clock.now());
    });
  }
  return { orders: orders.length, hashed };
}

export async function purgeInbox(deps: FlowDeps): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - deps.config.privacy.inboxRetentionDays * DAY_MS);
  let purged = 0;
  for (let batch = await purgeDeliveriesBefore(deps.db, before, 500); batch > 0; ) {
    purged += batch;
    batch = await purgeDeliveriesBefore(deps.db, before, 500);
  }
  return purged;
}

function createMinimiser(deps: FlowDeps): HandlerOf<typeof JOB.minimiseShopperIdentifiers> {
  return async (_payload, { logger }) => {
    const result = await minimiseShopperIdentifiers(deps);
    if (result.hashed > 0) logger.info(result, 'raw shopper identifiers past the fraud window hashed');
  };
}

function createInboxPurger(deps: FlowDeps): HandlerOf<typeof JOB.purgeInbox> {
  return async (_payload, { logger }) => {
    const purged = await purgeInbox(deps);
    if (purged > 0) logger.info({ purged }, 'recorded deliveries past their retention blanked');
  };
}

export const minimiseShopperIdentifiersJob = defineJob({
  kind: JOB.minimiseShopperIdentifiers,
  handler: createMinimiser,
  schedule: { everyMs: () => HOUR_MS, cron: '17 * * * *' },
});

export const purgeInboxJob = defineJob({
  kind: JOB.purgeInbox,
  handler: createInboxPurger,
  schedule: { everyMs: () => HOUR_MS, cron: '47 * * * *' },
});
