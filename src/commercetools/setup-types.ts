// Makes sure the connector's custom fields exist, without ever taking anything away from the merchant.
// commercetools allows one custom type per resource, so when the merchant already has a type for orders or
// customers we add our fields to it instead of replacing it.
import type {
  ByProjectKeyRequestBuilder,
  FieldDefinition,
  Type,
  TypeUpdateAction,
} from '@commercetools/platform-sdk';
import type { BaseLogger } from 'pino';
import { CUSTOM_TYPE_SPECS, type CustomTypeSpec } from './custom-fields.js';
import { CommercetoolsIntegrationError } from './errors.js';
import { readOrUndefined } from './read-or-undefined.js';
import { updateResourceWithRetry } from './update-with-retry.js';

export type SetupLogger = Pick<BaseLogger, 'info' | 'warn'>;

export interface EnsureCustomTypesOptions {
  /** A merchant type for carts/orders to extend (`CTP_ORDER_TYPE_KEY`). */
  orderTypeKey?: string | undefined;
  /** A merchant type for customers to extend (`CTP_CUSTOMER_TYPE_KEY`). */
  customerTypeKey?: string | undefined;
  logger?: SetupLogger | undefined;
}

export interface EnsuredCustomType {
  typeKey: string;
  typeId: string;
  /** True when the type did not exist and we created it (with all our fields). */
  created: boolean;
  /** Field definitions added by this run. */
  addedFields: string[];
  /** Enum values added to existing enum fields of ours, as `field.value`. */
  addedEnumValues: string[];
}

export interface EnsureCustomTypesResult {
  order: EnsuredCustomType;
  customer: EnsuredCustomType;
}

/**
 * Idempotently prepares the custom types for carts/orders and customers. Per resource the type used is: the
 * configured merchant type, else ours (by key), else the merchant's only type for that resource, else a new one
 * of ours; several merchant types and no configuration is an error. Only missing fields are added.
 *
 * @example
 * const types = await ensureCustomTypes(apiRoot, { orderTypeKey: config.CTP_ORDER_TYPE_KEY, logger });
 * customFieldActions(cart, types.order.typeKey, types.order.typeId, { [ORDER_FIELDS.referralCode]: code });
 */
export async function ensureCustomTypes(
  apiRoot: ByProjectKeyRequestBuilder,
  options: EnsureCustomTypesOptions = {},
): Promise<EnsureCustomTypesResult> {
  return {
    order: await ensureCustomType(apiRoot, CUSTOM_TYPE_SPECS.order, options.orderTypeKey, options.logger),
    customer: await ensureCustomType(
      apiRoot,
      CUSTOM_TYPE_SPECS.customer,
      options.customerTypeKey,
      options.logger,
    ),
  };
}

async function ensureCustomType(
  apiRoot: ByProjectKeyRequestBuilder,
  spec: CustomTypeSpec,
  configuredKey: string | undefined,
  logger: SetupLogger | undefined,
): Promise<EnsuredCustomType> {
  const existing = await findTypeToUse(apiRoot, spec, configuredKey);
  if (!existing) {
    const created = await createOurType(apiRoot, spec);
    if (created) {
      logger?.info({ typeKey: spec.key }, 'created commercetools custom type');
      const addedFields = spec.fields.map((f) => f.name);
      return { typeKey: created.key, typeId: created.id, created: true, addedFields, addedEnumValues: [] };
    }
  }

  let plan: FieldPlan = { actions: [], addedFields: [], addedEnumValues: [] };
  const typeKey = existing?.key ?? spec.key;
  const updated = await updateResourceWithRetry<Type, TypeUpdateAction>(apiRoot.types(), {
    what: `type ${typeKey}`,
    read: () => getTypeByKey(apiRoot, typeKey),
    buildActions: (current) => {
      plan = planFieldActions(current, spec);
      return plan.actions;
    },
  });
  if (plan.actions.length > 0) {
    logger?.info(
      { typeKey, addedFields: plan.addedFields, addedEnumValues: plan.addedEnumValues },
      'added Friendbuy fields to commercetools custom type',
    );
  }
  return {
    typeKey: updated.key,
    typeId: updated.id,
    created: false,
    addedFields: plan.addedFields,
    addedEnumValues: plan.addedEnumValues,
  };
}

/** Returns the type to extend, or undefined when there is none and ours must be created. */
async function findTypeToUse(
  apiRoot: ByProjectKeyRequestBuilder,
  spec: CustomTypeSpec,
  configuredKey: string | undefined,
): Promise<Type | undefined> {
  if (configuredKey) {
    const configured = await getTypeByKey(apiRoot, configuredKey);
    if (!configured?.resourceTypeIds.includes(spec.resourceTypeId)) {
      throw new CommercetoolsIntegrationError(
        'CustomTypeNotFound',
        `${spec.configVariable}="${configuredKey}" names no custom type for resource "${spec.resourceTypeId}"` +
          (configured ? ` (that type is for ${configured.resourceTypeIds.join(', ')})` : ''),
        { configVariable: spec.configVariable, typeKey: configuredKey },
      );
    }
    return configured;
  }

  const ours = await getTypeByKey(apiRoot, spec.key);
  if (ours) return ours;

  const candidates = (
    await apiRoot
      .types()
      .get({ queryArgs: { where: `resourceTypeIds contains any ("${spec.resourceTypeId}")`, limit: 500 } })
      .execute()
  ).body.results;
  if (candidates.length > 1) {
    const keys = candidates.map((t) => t.key);
    throw new CommercetoolsIntegrationError(
      'AmbiguousCustomType',
      `Several custom types exist for resource "${spec.resourceTypeId}" (${keys.join(', ')}); set ` +
        `${spec.configVariable} to the one the connector should add its fields to`,
      { configVariable: spec.configVariable, candidates: keys },
    );
  }
  return candidates[0];
}

/** Creates our type; returns undefined when another process created it first (its fields are checked next). */
async function createOurType(
  apiRoot: ByProjectKeyRequestBuilder,
  spec: CustomTypeSpec,
): Promise<Type | undefined> {
  try {
    const draft = {
      key: spec.key,
      name: { en: spec.name },
      resourceTypeIds: [spec.resourceTypeId],
      fieldDefinitions: [...spec.fields],
    };
    return (await apiRoot.types().post({ body: draft }).execute()).body;
  } catch (error) {
    if (errorCode(error) === 'DuplicateField') return undefined;
    throw error;
  }
}

async function getTypeByKey(apiRoot: ByProjectKeyRequestBuilder, key: string): Promise<Type | undefined> {
  return readOrUndefined(apiRoot.types().withKey({ key }).get());
}

function errorCode(error: unknown): unknown {
  return (error as { body?: { errors?: Array<{ code?: unknown }> } }).body?.errors?.[0]?.code;
}

interface FieldPlan {
  actions: TypeUpdateAction[];
  addedFields: string[];
  addedEnumValues: string[];
}

/** Decides which of our fields (and enum values) a type lacks; throws when a name is taken with another type. */
function planFieldActions(type: Type, spec: CustomTypeSpec): FieldPlan {
  const plan: FieldPlan = { actions: [], addedFields: [], addedEnumValues: [] };
  const conflicts: string[] = [];
  for (const ours of spec.fields) {
    const theirs = type.fieldDefinitions.find((f) => f.name === ours.name);
    if (!theirs) {
      plan.actions.push({ action: 'addFieldDefinition', fieldDefinition: ours });
      plan.addedFields.push(ours.name);
    } else if (theirs.type.name !== ours.type.name) {
      conflicts.push(`${ours.name} is ${theirs.type.name}, expected ${ours.type.name}`);
    } else {
      for (const value of missingEnumValues(ours, theirs)) {
        plan.actions.push({ action: 'addEnumValue', fieldName: ours.name, value });
        plan.addedEnumValues.push(`${ours.name}.${value.key}`);
      }
    }
  }
  if (conflicts.length > 0) {
    throw new CommercetoolsIntegrationError(
      'CustomFieldConflict',
      `Custom type "${type.key}" has fields with the connector's names but other types: ${conflicts.join('; ')}. ` +
        `The connector does not alter them; rename them or set ${spec.configVariable} to another type`,
      { typeKey: type.key, conflicts },
    );
  }
  return plan;
}

function missingEnumValues(ours: FieldDefinition, theirs: FieldDefinition) {
  if (ours.type.name !== 'Enum' || theirs.type.name !== 'Enum') return [];
  const present = new Set(theirs.type.values.map((v) => v.key));
  return ours.type.values.filter((v) => !present.has(v.key));
}
