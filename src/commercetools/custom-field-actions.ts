// Turns "these custom fields should have these values" into the fewest update actions. Values already in place
// produce no action, so re-applying our own change is a no-op: the foundation of the loop guard (our writes
// come back to us as messages and must not trigger further writes).
import { canonicalJson } from '../domain/canonical-json.js';
import { CommercetoolsIntegrationError } from './errors.js';

export interface CustomizableResource {
  custom?: { type: { id: string; obj?: unknown }; fields: Record<string, unknown> } | undefined;
}

/** Assignable to the cart, order and customer update action unions. */
export type CustomFieldAction =
  | { action: 'setCustomType'; type: { typeId: 'type'; key: string }; fields: Record<string, unknown> }
  | { action: 'setCustomField'; name: string; value?: unknown };

/**
 * Actions that bring the resource's custom fields to `changes`. A value of `undefined` means "leave as is";
 * `null` removes the field. Works for carts, orders and customers alike (all accept these two actions).
 *
 * @example
 * customFieldActions(order, types.order.typeKey, types.order.typeId, {
 *   [ORDER_FIELDS.purchaseReportStatus]: 'reported',
 *   [ORDER_FIELDS.purchaseEventId]: eventId,
 * });
 */
export function customFieldActions(
  resource: CustomizableResource,
  typeKey: string,
  typeId: string,
  changes: Record<string, unknown>,
): CustomFieldAction[] {
  const wanted = Object.entries(changes).filter(([, value]) => value !== undefined);
  if (!resource.custom) {
    const fields = Object.fromEntries(wanted.filter(([, value]) => value !== null));
    if (Object.keys(fields).length === 0) return [];
    return [{ action: 'setCustomType', type: { typeId: 'type', key: typeKey }, fields }];
  }
  if (resource.custom.type.id !== typeId) {
    // Replacing the type would drop every merchant field on this resource, so we refuse instead.
    throw new CommercetoolsIntegrationError(
      'ForeignCustomType',
      `The resource uses custom type ${resource.custom.type.id}, not the connector's type "${typeKey}"`,
      { typeId: resource.custom.type.id, expectedTypeKey: typeKey },
    );
  }
  const current = resource.custom.fields;
  const actions: CustomFieldAction[] = [];
  for (const [name, value] of wanted) {
    if (value === null) {
      if (current[name] !== undefined) actions.push({ action: 'setCustomField', name });
    } else if (current[name] === undefined || canonicalJson(current[name]) !== canonicalJson(value)) {
      actions.push({ action: 'setCustomField', name, value });
    }
  }
  return actions;
}
