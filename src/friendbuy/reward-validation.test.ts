import { describe, expect, it } from 'vitest';
import { parseRewardValidation } from './reward-validation.js';

describe('parseRewardValidation', () => {
  it('reads the documented purchase shape', () => {
    const body = {
      eventType: 'purchase',
      createdOn: '2025-03-01T00:00:00Z',
      campaignId: 'c-1',
      purchase: { id: 'ORD-1', amount: 45, currency: 'USD', isNewCustomer: true, products: [] },
      advocate: { customerId: 'a-1', email: 'a@example.com', ipAddress: '1.2.3.4' },
    };
    expect(parseRewardValidation(body)).toEqual({
      ok: true,
      value: { eventType: 'purchase', campaignId: 'c-1', purchaseId: 'ORD-1' },
    });
  });

  it('reads the per-recipient shape, with or without an order', () => {
    const body = {
      eventType: 'purchase',
      recipientType: 'friend',
      campaignId: 'c-1',
      event: { orderId: 1042, isNewCustomer: true, email: 'f@example.com', customerId: 'f-1' },
      advocate: { customerId: 'a-1' },
      actor: { customerId: 'f-1' },
    };
    expect(parseRewardValidation(body)).toMatchObject({
      ok: true,
      value: { eventType: 'purchase', recipientType: 'friend', purchaseId: '1042' },
    });
    const mtu = { ...body, eventType: 'mtu', recipientType: 'advocate', event: { isNewCustomer: true } };
    expect(parseRewardValidation(mtu)).toEqual({
      ok: true,
      value: { eventType: 'mtu', recipientType: 'advocate', campaignId: 'c-1', purchaseId: undefined },
    });
  });

  it('names the missing field', () => {
    expect(parseRewardValidation({ eventType: 'purchase', purchase: {} })).toEqual({
      ok: false,
      reason: expect.stringContaining('purchase.id'),
    });
    expect(parseRewardValidation('nope')).toMatchObject({ ok: false });
  });
});
