// The orders the reward validation bench asks about, placed in a sandbox connector so that each answer is
// known: every order is referred (an advocate's personal referral link code on the order, as Friendbuy only
// asks about referred purchases), EU orders fall under a policy without a return window (eligible at once),
// US orders under a 30-day window (pending), some US orders are returned (ineligible) or come from a customer
// who ordered before (not a new customer), and some purchases commercetools never saw.

import type { Order } from '@commercetools/platform-sdk';
import { SANDBOX_CAMPAIGNS } from '../src/campaigns/load.js';
import { ORDER_FIELDS, ORDER_TYPE_KEY } from '../src/commercetools/custom-fields.js';
import type { CommercetoolsApi } from '../src/commercetools/order-access.js';
import { SANDBOX_DEFAULTS } from '../src/config.js';
import type { Connector } from '../src/connector.js';
import { hashEmail } from '../src/domain/identity.js';
import { createMapiClient } from '../src/friendbuy/mapi-client.js';
import { sandboxApiClient } from '../src/sandbox/api-client.js';
import { placeDemoOrder } from '../src/sandbox/demo-order.js';
import { returnWholeOrder } from '../src/sandbox/demo-return.js';
import { rememberReferralCode } from '../src/store/referral-codes.js';

const [us, eu] = SANDBOX_CAMPAIGNS.campaigns;
/** The campaigns file of the bench's connector: US orders wait 30 days, EU orders none. */
export const VALIDATION_CAMPAIGNS = {
  campaigns: [
    {
      ...us,
      policy: {
        returnWindow: { days: 30, from: 'order' },
        rewardHold: { mode: 'friendbuyHolds', rewardDelayDays: 30 },
      },
    },
    {
      ...eu,
      policy: {
        returnWindow: { days: 0, from: 'order' },
        rewardHold: { mode: 'friendbuyHolds', rewardDelayDays: 0 },
      },
    },
  ],
};

/** Orders per expected answer; repeat customers reorder under the first pending orders' emails. */
const ORDERS = { eligible: 100, pending: 120, returned: 40, repeat: 40, unknown: 20 };
// Advocates per market: few enough referrals each that the velocity signal (10 a day) stays quiet.
const ADVOCATES = 32;

export type ValidationPurchases = Record<keyof typeof ORDERS, string[]>;

/** Places the orders and returns their purchase ids (the order numbers Friendbuy knows them by) per kind. */
export async function placeValidationOrders(connector: Connector): Promise<ValidationPurchases> {
  const urls = connector.sandbox!.urls;
  const api = sandboxApiClient(urls, 'bench');
  const run = Date.now().toString(36);
  const codes = {
    us: await advocateCodes(connector, api, run, 'us'),
    eu: await advocateCodes(connector, api, run, 'eu'),
  };
  const shopper = (kind: string, i: number) => `bench.${run}.${kind}.${i}@example.com`;
  const place = (kind: string, i: number, market: 'us' | 'eu', email = shopper(kind, i)) =>
    placeDemoOrder(api, {
      market,
      email,
      orderNumber: `BENCH-${run}-${kind}-${i}`,
      custom: {
        typeKey: ORDER_TYPE_KEY,
        fields: { [ORDER_FIELDS.referralCode]: codes[market][i % ADVOCATES]! },
      },
    });
  const placed: Record<string, Order[]> = { eligible: [], pending: [], returned: [], repeat: [] };
  for (let i = 0; i < ORDERS.eligible; i++) placed.eligible!.push(await place('eligible', i, 'eu'));
  for (let i = 0; i < ORDERS.pending; i++) placed.pending!.push(await place('pending', i, 'us'));
  for (let i = 0; i < ORDERS.returned; i++) placed.returned!.push(await place('returned', i, 'us'));
  for (let i = 0; i < ORDERS.repeat; i++)
    placed.repeat!.push(await place('repeat', i, 'us', shopper('pending', i)));
  for (const order of placed.returned!) await returnWholeOrder(api, order.id);
  const numbers = (kind: string) => placed[kind]!.map((order) => order.orderNumber!);
  return {
    eligible: numbers('eligible'),
    pending: numbers('pending'),
    returned: numbers('returned'),
    repeat: numbers('repeat'),
    unknown: Array.from({ length: ORDERS.unknown }, (_, i) => `BENCH-${run}-never-placed-${i}`),
  };
}

/** Advocates who signed up, each with a personal referral link of the market's campaign; their codes. */
async function advocateCodes(
  connector: Connector,
  api: CommercetoolsApi,
  run: string,
  market: 'us' | 'eu',
): Promise<string[]> {
  const friendbuy = createMapiClient({
    baseUrl: connector.sandbox!.urls.friendbuyApiUrl,
    key: SANDBOX_DEFAULTS.FRIENDBUY_MAPI_KEY,
    secret: SANDBOX_DEFAULTS.FRIENDBUY_MAPI_SECRET,
  });
  const codes: string[] = [];
  for (let i = 0; i < ADVOCATES; i++) {
    const email = `bench.${run}.advocate.${market}.${i}@example.com`;
    const { customer } = (
      await api
        .customers()
        .post({ body: { email, password: 'secret-123' } })
        .execute()
    ).body;
    const campaignId = `sandbox-${market}-referral`;
    const link = await friendbuy.createPersonalReferralLink({ email, campaignId, customerId: customer.id });
    // Registered as the connector registers the codes it issues, so the order's code names its advocate.
    await rememberReferralCode(
      connector.db,
      {
        code: link.referralCode,
        campaignId,
        advocateCustomerId: customer.id,
        advocateEmailHash: hashEmail(email, connector.config.hashKey, connector.config.emailRules),
        link: link.link,
        source: 'personal-referral-link',
      },
      connector.clock.now(),
    );
    codes.push(link.referralCode);
  }
  return codes;
}
