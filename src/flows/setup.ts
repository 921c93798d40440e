// `ct-friendbuy setup` (and sandbox start): installs or extends the connector's custom types, idempotently,
// and remembers which types it used so every process of the connector writes to the same ones.

import { CUSTOMER_TYPE_KEY, ORDER_TYPE_KEY } from '../commercetools/custom-fields.js';
import type { CommercetoolsApi } from '../commercetools/order-access.js';
import { type EnsureCustomTypesResult, ensureCustomTypes } from '../commercetools/setup-types.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/db.js';
import { readSetting, writeSetting } from '../store/settings.js';
import type { CustomTypeRef } from './deps.js';

const CUSTOM_TYPES_SETTING = 'commercetools.customTypes';

export interface ResolvedCustomTypes {
  order: CustomTypeRef;
  customer: CustomTypeRef;
}

export async function runSetup(deps: {
  db: Db;
  commercetools: CommercetoolsApi;
  config: Config;
  logger: Logger;
  now: Date;
}): Promise<EnsureCustomTypesResult> {
  const result = await ensureCustomTypes(deps.commercetools, {
    orderTypeKey: deps.config.commercetools.orderTypeKey,
    customerTypeKey: deps.config.commercetools.customerTypeKey,
    logger: deps.logger,
  });
  const resolved: ResolvedCustomTypes = {
    order: { key: result.order.typeKey, id: result.order.typeId },
    customer: { key: result.customer.typeKey, id: result.customer.typeId },
  };
  await writeSetting(deps.db, CUSTOM_TYPES_SETTING, resolved, deps.now);
  return result;
}

/**
 * The custom types to write to: those `setup` recorded, else ours (or the configured ones) looked up by key.
 * Fails with the command to run when neither exists, so a missing setup is found at start, not at the first order.
 */
export async function resolveCustomTypes(deps: {
  db: Db;
  commercetools: CommercetoolsApi;
  config: Config;
}): Promise<ResolvedCustomTypes> {
  const recorded = await readSetting<ResolvedCustomTypes>(deps.db, CUSTOM_TYPES_SETTING);
  if (recorded) return recorded;
  const byKey = async (key: string): Promise<CustomTypeRef> => {
    try {
      const type = (await deps.commercetools.types().withKey({ key }).get().execute()).body;
      return { key: type.key, id: type.id };
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404)
        throw new Error(
          `commercetools custom type "${key}" does not exist: run \`ct-friendbuy setup\` first`,
        );
      throw error;
    }
  };
  return {
    order: await byKey(deps.config.commercetools.orderTypeKey ?? ORDER_TYPE_KEY),
    customer: await byKey(deps.config.commercetools.customerTypeKey ?? CUSTOMER_TYPE_KEY),
  };
}
