// The commercetools messages the connector acts on, parsed from recorded deliveries into typed values.
// Only the fields we use are checked; the rest of each message passes through untouched.
import { z } from 'zod';

const money = z.looseObject({
  centAmount: z.number().int(),
  currencyCode: z.string(),
  fractionDigits: z.number().int().optional(),
});

const base = {
  id: z.string(),
  sequenceNumber: z.number().int(),
  createdAt: z.string(),
  resource: z.object({ typeId: z.string(), id: z.string() }),
  /** Set on the messages a backfill rebuilds from resources (flows/backfill): whether to report the order. */
  backfill: z.object({ runId: z.string(), report: z.boolean() }).optional(),
};

const returnItem = z.looseObject({
  id: z.string(),
  quantity: z.number().int(),
  lineItemId: z.string().optional(),
  customLineItemId: z.string().optional(),
  shipmentState: z.string().optional(),
  paymentState: z.string().optional(),
});
const returnInfo = z.looseObject({ items: z.array(returnItem), returnDate: z.string().optional() });
const transaction = z.looseObject({
  id: z.string(),
  type: z.string(),
  state: z.string(),
  amount: money,
  timestamp: z.string().optional(),
});

export const handledMessageSchema = z.discriminatedUnion('type', [
  z.looseObject({ ...base, type: z.literal('OrderCreated'), order: z.looseObject({ id: z.string() }) }),
  z.looseObject({
    ...base,
    type: z.literal('OrderCreatedFromRecurringOrder'),
    order: z.looseObject({ id: z.string() }),
    recurringOrderRef: z.looseObject({ id: z.string() }).optional(),
  }),
  z.looseObject({
    ...base,
    type: z.literal('OrderStateChanged'),
    orderState: z.string(),
    oldOrderState: z.string().optional(),
  }),
  z.looseObject({
    ...base,
    type: z.literal('OrderShipmentStateChanged'),
    shipmentState: z.string(),
    oldShipmentState: z.string().optional(),
  }),
  z.looseObject({
    ...base,
    type: z.literal('OrderPaymentStateChanged'),
    paymentState: z.string(),
    oldPaymentState: z.string().optional(),
  }),
  z.looseObject({ ...base, type: z.literal('ReturnInfoAdded'), returnInfo }),
  z.looseObject({ ...base, type: z.literal('ReturnInfoSet'), returnInfo: z.array(returnInfo).optional() }),
  z.looseObject({ ...base, type: z.literal('PaymentTransactionAdded'), transaction }),
  z.looseObject({
    ...base,
    type: z.literal('PaymentTransactionStateChanged'),
    transactionId: z.string(),
    state: z.string(),
  }),
  z.looseObject({
    ...base,
    type: z.literal('CustomerCreated'),
    customer: z.looseObject({ id: z.string(), email: z.string().optional() }),
  }),
  // commercetools sends the deleted customer's email with it.
  z.looseObject({ ...base, type: z.literal('CustomerDeleted'), email: z.string().optional() }),
]);

export type HandledMessage = z.infer<typeof handledMessageSchema>;
export type ReturnInfo = z.infer<typeof returnInfo>;
export type Transaction = z.infer<typeof transaction>;
