// Which commercetools messages a write produces. The mock emits none, so the sandbox derives them from the
// proxied request (its update actions), the resource before it and the response, the way commercetools would.
import type {
  Customer,
  CustomerCreatedMessagePayload,
  CustomerDeletedMessagePayload,
  Order,
  OrderCreatedMessagePayload,
  OrderPaymentAddedMessagePayload,
  OrderPaymentStateChangedMessagePayload,
  OrderShipmentStateChangedMessagePayload,
  OrderStateChangedMessagePayload,
  Payment,
  PaymentTransactionAddedMessagePayload,
  PaymentTransactionStateChangedMessagePayload,
  ReturnInfoAddedMessagePayload,
  UserProvidedIdentifiers,
} from '@commercetools/platform-sdk';

export type SandboxMessageBody =
  | OrderCreatedMessagePayload
  | OrderStateChangedMessagePayload
  | OrderShipmentStateChangedMessagePayload
  | OrderPaymentStateChangedMessagePayload
  | ReturnInfoAddedMessagePayload
  | OrderPaymentAddedMessagePayload
  | PaymentTransactionAddedMessagePayload
  | PaymentTransactionStateChangedMessagePayload
  | CustomerCreatedMessagePayload
  | CustomerDeletedMessagePayload;

/** A message before the bridge gives it an id, a sequence number and timestamps. */
export interface MessageDraft {
  resource: { typeId: 'order' | 'payment' | 'customer'; id: string };
  resourceVersion: number;
  resourceUserProvidedIdentifiers?: UserProvidedIdentifiers;
  body: SandboxMessageBody;
}

/** A write the bridge turns into messages; updates name the path to read the resource before the write. */
export type ObservedWrite =
  | { kind: 'order-create' }
  | { kind: 'order-update'; resourcePath: string }
  | { kind: 'payment-update'; resourcePath: string }
  | { kind: 'customer-create' }
  | { kind: 'customer-delete' };

const NOT_AN_ORDER = new Set(['import', 'quotes', 'search', 'edits']);

/**
 * Recognises the writes that produce messages: `POST /{pk}[/in-store/key={store}]/orders[/{id}|/order-number={n}]`,
 * `POST /{pk}/payments/{id}|key={key}`, `POST /{pk}[/in-store/key={store}]/customers` and `…/me/signup`.
 */
export function matchWrite(method: string, url: string, projectKey: string): ObservedWrite | undefined {
  if (method !== 'POST' && method !== 'DELETE') return undefined;
  const path = url.split('?')[0] ?? '';
  const segments = path.split('/').filter(Boolean);
  if (segments[0] !== projectKey) return undefined;
  const inStore = segments[1] === 'in-store' && segments[2]?.startsWith('key=');
  const [resource, target, extra] = segments.slice(inStore ? 3 : 1);
  if (extra !== undefined) return undefined;
  if (method === 'DELETE')
    return resource === 'customers' && target ? { kind: 'customer-delete' } : undefined;
  if (resource === 'orders' && target === undefined) return { kind: 'order-create' };
  if (resource === 'orders' && target && !NOT_AN_ORDER.has(target))
    return { kind: 'order-update', resourcePath: path };
  if (resource === 'payments' && target && !inStore) return { kind: 'payment-update', resourcePath: path };
  if (resource === 'customers' && target === undefined) return { kind: 'customer-create' };
  if (resource === 'me' && target === 'signup') return { kind: 'customer-create' };
  return undefined;
}

interface Action {
  action: string;
  [field: string]: unknown;
}

export interface WriteOutcome {
  /** The parsed request body (a draft, or `{version, actions}`). */
  request: unknown;
  /** The resource read just before the write (updates only). */
  before: unknown;
  /** The parsed response body of the successful write. */
  response: unknown;
}

export function messagesForWrite(write: ObservedWrite, outcome: WriteOutcome): MessageDraft[] {
  switch (write.kind) {
    case 'order-create': {
      const order = outcome.response as Order;
      return [orderMessage(order, { type: 'OrderCreated', order })];
    }
    case 'order-update':
      return orderUpdateMessages(
        actionsOf(outcome.request),
        outcome.before as Order,
        outcome.response as Order,
      );
    case 'payment-update':
      return paymentUpdateMessages(
        actionsOf(outcome.request),
        outcome.before as Payment,
        outcome.response as Payment,
      );
    case 'customer-delete': {
      const customer = outcome.response as Customer;
      return [
        {
          resource: { typeId: 'customer', id: customer.id },
          resourceVersion: customer.version + 1,
          body: { type: 'CustomerDeleted', email: customer.email } as CustomerDeletedMessagePayload,
        },
      ];
    }
    case 'customer-create': {
      // The mock leaks its internal `password` and `lowercaseEmail`; commercetools does not send them.
      const {
        password: _p,
        lowercaseEmail: _l,
        ...customer
      } = (outcome.response as { customer: Customer }).customer as Customer & {
        password?: string;
        lowercaseEmail?: string;
      };
      return [
        {
          resource: { typeId: 'customer', id: customer.id },
          resourceVersion: customer.version,
          resourceUserProvidedIdentifiers: identifiers({
            key: customer.key,
            externalId: customer.externalId,
            customerNumber: customer.customerNumber,
          }),
          body: { type: 'CustomerCreated', customer },
        },
      ];
    }
  }
}

// Order state actions and the message each emits, with the field holding the new and the old value.
const STATE_CHANGES = {
  changeOrderState: { type: 'OrderStateChanged', field: 'orderState', old: 'oldOrderState' },
  changeShipmentState: { type: 'OrderShipmentStateChanged', field: 'shipmentState', old: 'oldShipmentState' },
  changePaymentState: { type: 'OrderPaymentStateChanged', field: 'paymentState', old: 'oldPaymentState' },
} as const;

function orderUpdateMessages(actions: Action[], before: Order, after: Order): MessageDraft[] {
  const messages: MessageDraft[] = [];
  // Several actions in one request: each "old" state is the one left by the previous action.
  const states: Record<string, unknown> = {
    orderState: before.orderState,
    shipmentState: before.shipmentState,
    paymentState: before.paymentState,
  };
  let returnInfoIndex = before.returnInfo?.length ?? 0;
  const knownPayments = new Set((before.paymentInfo?.payments ?? []).map((p) => p.id));
  const addedPayments = (after.paymentInfo?.payments ?? []).filter((p) => !knownPayments.has(p.id));

  for (const action of actions) {
    if (Object.hasOwn(STATE_CHANGES, action.action)) {
      const { type, field, old } = STATE_CHANGES[action.action as keyof typeof STATE_CHANGES];
      const [next, previous] = [action[field], states[field]];
      if (next !== previous) {
        // The table keeps type and fields consistent, which the compiler cannot see through computed keys.
        const body = { type, [field]: next, ...(previous === undefined ? {} : { [old]: previous }) };
        messages.push(orderMessage(after, body as unknown as SandboxMessageBody));
      }
      states[field] = next;
      continue;
    }
    switch (action.action) {
      case 'addReturnInfo': {
        const returnInfo = after.returnInfo?.[returnInfoIndex++];
        if (returnInfo) messages.push(orderMessage(after, { type: 'ReturnInfoAdded', returnInfo }));
        break;
      }
      case 'addPayment': {
        const paymentRef = addedPayments.shift();
        if (paymentRef) messages.push(orderMessage(after, { type: 'OrderPaymentAdded', paymentRef }));
        break;
      }
      // setReturnInfo (→ ReturnInfoSet) is not implemented by commercetools-mock 4.4, so it never succeeds here.
    }
  }
  return messages;
}

function paymentUpdateMessages(actions: Action[], before: Payment, after: Payment): MessageDraft[] {
  const messages: MessageDraft[] = [];
  const known = new Set(before.transactions.map((t) => t.id));
  const added = after.transactions.filter((t) => !known.has(t.id));
  const states = new Map(before.transactions.map((t) => [t.id, t.state]));
  const message = (body: SandboxMessageBody): MessageDraft => ({
    resource: { typeId: 'payment', id: after.id },
    resourceVersion: after.version,
    resourceUserProvidedIdentifiers: identifiers({ key: after.key }),
    body,
  });

  for (const action of actions) {
    if (action.action === 'addTransaction') {
      const transaction = added.shift();
      if (transaction) {
        messages.push(message({ type: 'PaymentTransactionAdded', transaction }));
        states.set(transaction.id, transaction.state);
      }
    } else if (action.action === 'changeTransactionState') {
      const transactionId = action.transactionId as string;
      const state = action.state as PaymentTransactionStateChangedMessagePayload['state'];
      if (states.get(transactionId) !== state) {
        messages.push(message({ type: 'PaymentTransactionStateChanged', transactionId, state }));
      }
      states.set(transactionId, state);
    }
  }
  return messages;
}

function orderMessage(order: Order, body: SandboxMessageBody): MessageDraft {
  return {
    resource: { typeId: 'order', id: order.id },
    resourceVersion: order.version,
    resourceUserProvidedIdentifiers: identifiers({ orderNumber: order.orderNumber }),
    body,
  };
}

function identifiers(candidates: UserProvidedIdentifiers): UserProvidedIdentifiers | undefined {
  const present = Object.entries(candidates).filter(([, value]) => value !== undefined);
  return present.length > 0 ? (Object.fromEntries(present) as UserProvidedIdentifiers) : undefined;
}

function actionsOf(request: unknown): Action[] {
  const actions = (request as { actions?: unknown } | null)?.actions;
  return Array.isArray(actions) ? actions.filter((a): a is Action => typeof a?.action === 'string') : [];
}
