// Payments as a merchant's PSP integration records them in the sandbox: on its own Payment custom type, with the
// card's fingerprint in the field the connector is told to read (CONNECTOR_PAYMENT_FINGERPRINT_FIELD).
import type { CommercetoolsApi } from '../../src/commercetools/order-access.js';

export const PSP_PAYMENT_TYPE = 'psp-payment';
export const CARD_FINGERPRINT_FIELD = 'cardFingerprint';

/** The PSP integration's Payment custom type, with its card fingerprint field. */
export async function createPspPaymentType(api: CommercetoolsApi): Promise<void> {
  await api
    .types()
    .post({
      body: {
        key: PSP_PAYMENT_TYPE,
        name: { en: 'PSP payment' },
        resourceTypeIds: ['payment'],
        fieldDefinitions: [
          {
            name: CARD_FINGERPRINT_FIELD,
            label: { en: 'Card fingerprint' },
            type: { name: 'String' },
            required: false,
            inputHint: 'SingleLine',
          },
        ],
      },
    })
    .execute();
}

/** A payment (its id) of 25.00 USD with a card of this fingerprint. */
export async function cardPayment(api: CommercetoolsApi, fingerprint: string): Promise<string> {
  const response = await api
    .payments()
    .post({
      body: {
        amountPlanned: { currencyCode: 'USD', centAmount: 2500 },
        custom: {
          type: { typeId: 'type', key: PSP_PAYMENT_TYPE },
          fields: { [CARD_FINGERPRINT_FIELD]: fingerprint },
        },
      },
    })
    .execute();
  return response.body.id;
}
