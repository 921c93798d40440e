import { describe, expect, it } from 'vitest';
import { customFieldActions } from './custom-field-actions.js';
import { ORDER_FIELDS, ORDER_TYPE_KEY } from './custom-fields.js';
import { CommercetoolsIntegrationError } from './errors.js';

const typeId = 'type-1';
const withFields = (fields: Record<string, unknown>) => ({ custom: { type: { id: typeId }, fields } });

describe('customFieldActions', () => {
  it('sets our type with the fields on a resource that has none', () => {
    expect(
      customFieldActions({}, ORDER_TYPE_KEY, typeId, {
        [ORDER_FIELDS.referralCode]: 'ADV-1',
        [ORDER_FIELDS.ipAddress]: undefined,
      }),
    ).toEqual([
      {
        action: 'setCustomType',
        type: { typeId: 'type', key: ORDER_TYPE_KEY },
        fields: { friendbuyReferralCode: 'ADV-1' },
      },
    ]);
  });

  it('sets only the fields that change, so re-applying is a no-op', () => {
    const order = withFields({ friendbuyReferralCode: 'ADV-1', merchantField: 'kept' });
    const changes = { [ORDER_FIELDS.referralCode]: 'ADV-1', [ORDER_FIELDS.purchaseReportStatus]: 'reported' };
    expect(customFieldActions(order, ORDER_TYPE_KEY, typeId, changes)).toEqual([
      { action: 'setCustomField', name: 'friendbuyPurchaseReportStatus', value: 'reported' },
    ]);
    const after = withFields({ friendbuyReferralCode: 'ADV-1', friendbuyPurchaseReportStatus: 'reported' });
    expect(customFieldActions(after, ORDER_TYPE_KEY, typeId, changes)).toEqual([]);
  });

  it('removes a field for null and does nothing for undefined or an empty change', () => {
    const order = withFields({ friendbuyFraudVerdict: 'review' });
    expect(
      customFieldActions(order, ORDER_TYPE_KEY, typeId, {
        [ORDER_FIELDS.fraudVerdict]: null,
        [ORDER_FIELDS.rewardState]: null,
        [ORDER_FIELDS.lastEvent]: undefined,
      }),
    ).toEqual([{ action: 'setCustomField', name: 'friendbuyFraudVerdict' }]);
    expect(customFieldActions({}, ORDER_TYPE_KEY, typeId, { [ORDER_FIELDS.fraudVerdict]: null })).toEqual([]);
  });

  it('refuses to write to a resource that carries another custom type', () => {
    const foreign = { custom: { type: { id: 'someone-else' }, fields: {} } };
    expect(() =>
      customFieldActions(foreign, ORDER_TYPE_KEY, typeId, { [ORDER_FIELDS.lastEvent]: 'x' }),
    ).toThrow(CommercetoolsIntegrationError);
  });
});
