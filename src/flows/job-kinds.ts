// Names of outbox job kinds, in one place: workers dispatch on them and they are stored in the database.

export const JOB = {
  /** Process a recorded commercetools message (payload `{inboxId}`). */
  commercetoolsMessage: 'commercetools.message',
  /** Report an order to Friendbuy as a purchase (payload `{orderId}`), once per order. */
  reportPurchase: 'friendbuy.purchase',
  /** Report a key order status to Friendbuy as a custom event (payload `{orderId, status}`). */
  reportOrderStatus: 'friendbuy.order-status',
  /** Keep the connector's custom fields on an order current (payload `{orderId, fields}`). */
  projectOrderFields: 'commercetools.order-fields',
} as const;
