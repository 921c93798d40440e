// commercetools-mock 4.4 creates an order from a cart without the cart's custom line items (its `totalPrice`
// still counts them). commercetools copies them, so the sandbox puts them on the stored order before anyone
// reads it or a message announces it.
import type { Cart, Order } from '@commercetools/platform-sdk';
import type { CommercetoolsMock } from '@labdigital/commercetools-mock';

/**
 * The order as commercetools would have created it from `cartId`: with the cart's custom line items.
 * @example const order = await withCartCustomLineItems(mock, projectKey, created, readCart);
 */
export async function withCartCustomLineItems(
  mock: CommercetoolsMock,
  projectKey: string,
  order: Order,
  readCart: (cartId: string) => Promise<Cart | undefined>,
): Promise<Order> {
  if (order.customLineItems?.length || !order.cart?.id) return order;
  const cart = await readCart(order.cart.id);
  if (!cart?.customLineItems?.length) return order;
  const completed: Order = { ...order, customLineItems: cart.customLineItems };
  await mock.project(projectKey).unsafeAdd('order', completed);
  return completed;
}
