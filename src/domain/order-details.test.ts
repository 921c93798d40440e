import { describe, expect, it } from 'vitest';
import { orderFigures } from './order-details.js';

const usd = (centAmount: number) => ({ centAmount, currencyCode: 'USD', fractionDigits: 2 });

describe('orderFigures', () => {
  it('reads net value, line and order discounts, total and lines on the purchase basis', () => {
    const order = {
      totalPrice: usd(4_000),
      lineItems: [
        { id: 'li-1', quantity: 2, price: { value: usd(2_500) }, totalPrice: usd(4_500) },
        { id: 'li-2', quantity: 1, price: { value: usd(500) }, totalPrice: usd(500) },
      ],
      discountOnTotalPrice: { discountedAmount: usd(1_000) },
    };
    expect(orderFigures(order, 'netMerchandise')).toEqual({
      netOrderValue: usd(4_000),
      discountAmount: usd(1_500),
      orderTotal: usd(4_000),
      lineItems: [
        { id: 'li-1', quantity: 2, value: usd(4_500) },
        { id: 'li-2', quantity: 1, value: usd(500) },
      ],
    });
  });
});
