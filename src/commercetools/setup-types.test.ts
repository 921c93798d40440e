import type { ByProjectKeyRequestBuilder, FieldDefinition, TypeDraft } from '@commercetools/platform-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../sandbox/commercetools/test-support.js';
import {
  CUSTOMER_FIELD_DEFINITIONS,
  CUSTOMER_TYPE_KEY,
  ORDER_FIELD_DEFINITIONS,
  ORDER_FIELDS,
  ORDER_TYPE_KEY,
} from './custom-fields.js';
import { ensureCustomTypes } from './setup-types.js';

let running: RunningSandbox;
let apiRoot: ByProjectKeyRequestBuilder;
beforeEach(async () => {
  running = await startSandbox();
  apiRoot = running.apiRoot;
});
afterEach(async () => {
  await running.close();
});

const ourOrderFields = ORDER_FIELD_DEFINITIONS.map((f) => f.name);
const giftMessage: FieldDefinition = {
  name: 'giftMessage',
  label: { en: 'Gift message' },
  required: false,
  type: { name: 'String' },
};

async function createType(draft: Partial<TypeDraft> & { key: string }) {
  const body: TypeDraft = {
    name: { en: draft.key },
    resourceTypeIds: ['order'],
    fieldDefinitions: [],
    ...draft,
  };
  return (await apiRoot.types().post({ body }).execute()).body;
}
const getType = async (key: string) => (await apiRoot.types().withKey({ key }).get().execute()).body;

describe('ensureCustomTypes', () => {
  it('creates our order and customer types when the project has none', async () => {
    const result = await ensureCustomTypes(apiRoot);

    expect(result.order).toMatchObject({
      typeKey: ORDER_TYPE_KEY,
      created: true,
      addedFields: ourOrderFields,
    });
    expect(result.customer).toMatchObject({ typeKey: CUSTOMER_TYPE_KEY, created: true });
    const orderType = await getType(ORDER_TYPE_KEY);
    expect(orderType.id).toBe(result.order.typeId);
    expect(orderType.resourceTypeIds).toEqual(['order']);
    expect(orderType.fieldDefinitions.map((f) => f.name)).toEqual(ourOrderFields);
    expect((await getType(CUSTOMER_TYPE_KEY)).fieldDefinitions).toEqual(CUSTOMER_FIELD_DEFINITIONS);
  });

  it('changes nothing on a second run', async () => {
    await ensureCustomTypes(apiRoot);
    const before = await getType(ORDER_TYPE_KEY);

    const again = await ensureCustomTypes(apiRoot);

    expect(again.order).toEqual({
      typeKey: ORDER_TYPE_KEY,
      typeId: before.id,
      created: false,
      addedFields: [],
      addedEnumValues: [],
    });
    expect(again.customer).toMatchObject({ created: false, addedFields: [] });
    expect((await getType(ORDER_TYPE_KEY)).version).toBe(before.version);
  });

  it("adds our fields to the merchant's only order type and keeps the merchant's fields and data", async () => {
    const merchant = await createType({ key: 'merchant-order', fieldDefinitions: [giftMessage] });
    const { body: cart } = await apiRoot
      .carts()
      .post({
        body: {
          currency: 'USD',
          custom: {
            type: { typeId: 'type', key: 'merchant-order' },
            fields: { giftMessage: 'Happy birthday' },
          },
        },
      })
      .execute();

    const result = await ensureCustomTypes(apiRoot);

    expect(result.order).toEqual({
      typeKey: 'merchant-order',
      typeId: merchant.id,
      created: false,
      addedFields: ourOrderFields,
      addedEnumValues: [],
    });
    const extended = await getType('merchant-order');
    expect(extended.fieldDefinitions.map((f) => f.name)).toEqual(['giftMessage', ...ourOrderFields]);
    const { body: after } = await apiRoot.carts().withId({ ID: cart.id }).get().execute();
    expect(after.custom?.fields).toEqual({ giftMessage: 'Happy birthday' });
    await expect(apiRoot.types().withKey({ key: ORDER_TYPE_KEY }).get().execute()).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it('refuses to guess between several merchant types, naming them and the variable to set', async () => {
    await createType({ key: 'merchant-b2c' });
    await createType({ key: 'merchant-b2b' });

    await expect(ensureCustomTypes(apiRoot)).rejects.toMatchObject({
      code: 'AmbiguousCustomType',
      message: expect.stringMatching(/merchant-b2c, merchant-b2b.*CTP_ORDER_TYPE_KEY/),
      details: { candidates: ['merchant-b2c', 'merchant-b2b'], configVariable: 'CTP_ORDER_TYPE_KEY' },
    });
  });

  it('extends the type the configuration names when there are several', async () => {
    await createType({ key: 'merchant-b2c' });
    const b2b = await createType({ key: 'merchant-b2b' });

    const result = await ensureCustomTypes(apiRoot, { orderTypeKey: 'merchant-b2b' });

    expect(result.order).toMatchObject({
      typeKey: 'merchant-b2b',
      typeId: b2b.id,
      addedFields: ourOrderFields,
    });
    expect((await getType('merchant-b2c')).fieldDefinitions).toEqual([]);
  });

  it('says so when the configured type does not exist', async () => {
    await expect(ensureCustomTypes(apiRoot, { customerTypeKey: 'nope' })).rejects.toMatchObject({
      code: 'CustomTypeNotFound',
      message: expect.stringContaining('CTP_CUSTOMER_TYPE_KEY="nope"'),
    });
  });

  it('reports a field of ours that exists with another type and alters nothing', async () => {
    const clash: FieldDefinition = {
      ...giftMessage,
      name: ORDER_FIELDS.referralCode,
      type: { name: 'Number' },
    };
    const merchant = await createType({ key: 'merchant-order', fieldDefinitions: [clash] });

    await expect(ensureCustomTypes(apiRoot)).rejects.toMatchObject({
      code: 'CustomFieldConflict',
      message: expect.stringContaining('friendbuyReferralCode is Number, expected String'),
    });
    const after = await getType('merchant-order');
    expect(after.version).toBe(merchant.version);
    expect(after.fieldDefinitions).toEqual([clash]);
  });

  it('adds enum values an older version of our type lacks', async () => {
    const older = ORDER_FIELD_DEFINITIONS.map((f) =>
      f.name === ORDER_FIELDS.purchaseReportStatus && f.type.name === 'Enum'
        ? { ...f, type: { ...f.type, values: f.type.values.slice(0, 3) } }
        : f,
    );
    await createType({ key: ORDER_TYPE_KEY, fieldDefinitions: older });

    const result = await ensureCustomTypes(apiRoot);

    expect(result.order).toMatchObject({
      created: false,
      addedFields: [],
      addedEnumValues: ['friendbuyPurchaseReportStatus.failed', 'friendbuyPurchaseReportStatus.skipped'],
    });
  });
});
