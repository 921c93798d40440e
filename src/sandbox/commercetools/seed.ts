// Demo data for the emulated commercetools project, created through the mock's own API so it passes the same
// code paths as anything the connector writes. Idempotent: whatever already exists (by key) is left alone.
//
// What a demo order needs (store `us`; use EUR / DE / de-DE and store `eu` for the other market):
//   1. POST /{pk}/in-store/key=us/carts  { currency: 'USD', country: 'US', locale: 'en-US', customerEmail,
//        shippingAddress: { country: 'US' }, lineItems: [{ sku: 'FB-TEE-001', quantity: 1 }],
//        shippingMethod?: { typeId: 'shipping-method', key: 'sandbox-standard' },
//        custom?: { type: { typeId: 'type', key: 'ct-friendbuy-order' }, fields: { friendbuyReferralCode } } }
//      (run `ensureCustomTypes` first when setting custom fields)
//   2. POST /{pk}/orders  { cart: { typeId: 'cart', id }, version: cart.version }   → OrderCreated
// Prices carry no country, so a cart needs only the right currency to be priced.
import type {
  ProductDraft,
  ProductTypeDraft,
  ShippingMethodDraft,
  StoreDraft,
  TaxCategoryDraft,
  ZoneDraft,
} from '@commercetools/platform-sdk';

export type Inject = (request: {
  method: 'GET' | 'POST';
  url: string;
  payload?: object;
}) => Promise<{ statusCode: number; body: string; json(): unknown }>;

export const SANDBOX_MARKETS = {
  us: { storeKey: 'us', currency: 'USD', country: 'US', locale: 'en-US', zoneKey: 'sandbox-us' },
  eu: { storeKey: 'eu', currency: 'EUR', country: 'DE', locale: 'de-DE', zoneKey: 'sandbox-de' },
} as const;

export const SANDBOX_PRODUCTS = [
  {
    key: 'sandbox-tee',
    sku: 'FB-TEE-001',
    name: ['Referral Tee', 'Empfehlungs-Shirt'],
    usd: 2500,
    eur: 2300,
  },
  {
    key: 'sandbox-mug',
    sku: 'FB-MUG-001',
    name: ['Referral Mug', 'Empfehlungs-Tasse'],
    usd: 1400,
    eur: 1300,
  },
  {
    key: 'sandbox-hoodie',
    sku: 'FB-HOODIE-001',
    name: ['Referral Hoodie', 'Empfehlungs-Hoodie'],
    usd: 6000,
    eur: 5500,
  },
] as const;

export const SANDBOX_TAX_CATEGORY_KEY = 'sandbox-standard';
export const SANDBOX_SHIPPING_METHOD_KEY = 'sandbox-standard';
const PRODUCT_TYPE_KEY = 'sandbox-merchandise';

export async function seedCommercetools(inject: Inject, projectKey: string): Promise<void> {
  const { us, eu } = SANDBOX_MARKETS;
  await configureProject(inject, projectKey);

  for (const market of [us, eu]) {
    await ensureByKey<ZoneDraft>(inject, projectKey, 'zones', {
      key: market.zoneKey,
      name: `Sandbox ${market.country}`,
      locations: [{ country: market.country }],
    });
    await ensureByKey<StoreDraft>(inject, projectKey, 'stores', {
      key: market.storeKey,
      name: { [market.locale]: market.storeKey === 'us' ? 'United States' : 'Deutschland' },
      languages: [market.locale],
      countries: [{ code: market.country }],
    });
  }

  await ensureByKey<TaxCategoryDraft>(inject, projectKey, 'tax-categories', {
    key: SANDBOX_TAX_CATEGORY_KEY,
    name: 'Standard',
    rates: [
      { name: 'US sales tax', amount: 0.07, includedInPrice: false, country: us.country },
      { name: 'DE VAT', amount: 0.19, includedInPrice: true, country: eu.country },
    ],
  });
  const taxCategory = { typeId: 'tax-category', key: SANDBOX_TAX_CATEGORY_KEY } as const;

  await ensureByKey<ShippingMethodDraft>(inject, projectKey, 'shipping-methods', {
    key: SANDBOX_SHIPPING_METHOD_KEY,
    name: 'Standard shipping',
    isDefault: true,
    taxCategory,
    zoneRates: [
      {
        zone: { typeId: 'zone', key: us.zoneKey },
        shippingRates: [{ price: { currencyCode: 'USD', centAmount: 500 } }],
      },
      {
        zone: { typeId: 'zone', key: eu.zoneKey },
        shippingRates: [{ price: { currencyCode: 'EUR', centAmount: 490 } }],
      },
    ],
  });

  await ensureByKey<ProductTypeDraft>(inject, projectKey, 'product-types', {
    key: PRODUCT_TYPE_KEY,
    name: 'Merchandise',
    description: 'Sandbox products',
    attributes: [],
  });

  for (const product of SANDBOX_PRODUCTS) {
    const [en, de] = product.name;
    const slug = product.key.replace('sandbox-', '');
    await ensureByKey<ProductDraft>(inject, projectKey, 'products', {
      key: product.key,
      productType: { typeId: 'product-type', key: PRODUCT_TYPE_KEY },
      name: { [us.locale]: en, [eu.locale]: de },
      slug: { [us.locale]: slug, [eu.locale]: slug },
      taxCategory,
      masterVariant: {
        sku: product.sku,
        key: product.sku,
        prices: [
          { key: 'usd', value: { currencyCode: 'USD', centAmount: product.usd } },
          { key: 'eur', value: { currencyCode: 'EUR', centAmount: product.eur } },
        ],
      },
      publish: true,
    });
  }
}

/** Currencies, countries and languages of both markets on the project itself. */
async function configureProject(inject: Inject, projectKey: string): Promise<void> {
  const project = (await call(inject, 'GET', `/${projectKey}`)) as { version: number } & Record<
    string,
    string[]
  >;
  const { us, eu } = SANDBOX_MARKETS;
  const wanted = {
    currencies: [us.currency, eu.currency],
    countries: [us.country, eu.country],
    languages: [us.locale, eu.locale],
  };
  const actions = Object.entries(wanted)
    .filter(([field, values]) => values.some((v) => !project[field]?.includes(v)))
    .map(([field, values]) => {
      const merged = [...new Set([...(project[field] ?? []), ...values])];
      const name = `change${field[0]?.toUpperCase()}${field.slice(1)}`;
      return { action: name, [field]: merged };
    });
  if (actions.length > 0) await call(inject, 'POST', `/${projectKey}`, { version: project.version, actions });
}

async function ensureByKey<D extends { key?: string }>(
  inject: Inject,
  projectKey: string,
  resource: string,
  draft: D,
): Promise<void> {
  const existing = await inject({ method: 'GET', url: `/${projectKey}/${resource}/key=${draft.key}` });
  if (existing.statusCode === 200) return;
  if (existing.statusCode !== 404) throw seedError(resource, draft.key, existing);
  await call(inject, 'POST', `/${projectKey}/${resource}`, draft);
}

async function call(inject: Inject, method: 'GET' | 'POST', url: string, payload?: object): Promise<unknown> {
  const response = await inject({ method, url, ...(payload ? { payload } : {}) });
  if (response.statusCode >= 300) throw seedError(url, undefined, response);
  return response.json();
}

function seedError(
  what: string,
  key: string | undefined,
  response: { statusCode: number; body: string },
): Error {
  return new Error(
    `sandbox seed failed for ${what}${key ? ` "${key}"` : ''}: HTTP ${response.statusCode} ${response.body}`,
  );
}
