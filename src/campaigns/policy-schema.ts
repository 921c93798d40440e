// The `policy` entry of a campaign in the campaign file: the reward rules and fraud policy, every field
// optional with its default from the domain (DEFAULT_REWARD_POLICY, DEFAULT_FRAUD_POLICY). Unknown keys are
// errors, so a misspelt rule is reported at start instead of silently not applying.
import { z } from 'zod';
import { DEFAULT_FRAUD_POLICY, type SignalSetting } from '../domain/fraud/fraud-policy.js';
import type { FraudSignal } from '../domain/fraud/signal.js';
import type { OrderState, PaymentState, ShipmentState } from '../domain/order-status.js';
import { DEFAULT_REWARD_POLICY as D } from '../domain/policy.js';

const ORDER_STATES = ['Open', 'Confirmed', 'Complete', 'Cancelled'] as const satisfies readonly OrderState[];
const SHIPMENT_STATES = [
  'Shipped',
  'Delivered',
  'Ready',
  'Pending',
  'Delayed',
  'Partial',
  'Backorder',
  'Canceled',
] as const satisfies readonly ShipmentState[];
const PAYMENT_STATES = [
  'BalanceDue',
  'Failed',
  'Pending',
  'CreditOwed',
  'Paid',
] as const satisfies readonly PaymentState[];

const currency = z.string().regex(/^[A-Z]{3}$/, 'a 3-letter ISO currency code such as USD');
const minorAmounts = z.record(currency, z.number().int().nonnegative());
const states = <T extends readonly [string, ...string[]]>(values: T) =>
  z.array(z.enum(values)).min(1).optional();

const countsWhen = z.union([
  z.literal('none'),
  z
    .strictObject({
      orderState: states(ORDER_STATES),
      shipmentState: states(SHIPMENT_STATES),
      paymentState: states(PAYMENT_STATES),
    })
    .refine((v) => v.orderState || v.shipmentState || v.paymentState, 'name a state, or use "none"'),
]);

const advocateCap = z
  .strictObject({
    period: z.enum(['day', 'week', 'month', 'year', 'lifetime']),
    maxRewards: z.number().int().positive().optional(),
    maxValue: minorAmounts.optional(),
  })
  .refine((cap) => cap.maxRewards !== undefined || cap.maxValue !== undefined, 'set maxRewards or maxValue');

const S = DEFAULT_FRAUD_POLICY.signals;
function signal<T extends z.ZodRawShape>(id: FraudSignal, thresholds: T) {
  const defaults: SignalSetting = S[id];
  const setting = z.strictObject({
    action: z.enum(['off', 'flag', 'hold', 'reject']).default(defaults.action),
    weight: z.number().nonnegative().default(defaults.weight),
    ...thresholds,
  });
  // Every field has a default (the caller gives thresholds with defaults), so `{}` is a complete input.
  return setting.prefault({} as z.input<typeof setting>);
}
const positive = (value: number) => z.number().positive().default(value);
const count = (value: number) => z.number().int().positive().default(value);
const domains = z.array(
  z
    .string()
    .toLowerCase()
    .regex(/^[a-z0-9.-]+\.[a-z]+$/, 'a domain such as example.com'),
);

const fraudPolicySchema = z.strictObject({
  signals: z
    .strictObject({
      sameCustomerId: signal('sameCustomerId', {}),
      sameEmail: signal('sameEmail', {}),
      similarEmail: signal('similarEmail', { maxEditDistance: count(S.similarEmail.maxEditDistance) }),
      sameShippingAddress: signal('sameShippingAddress', {}),
      samePaymentFingerprint: signal('samePaymentFingerprint', {}),
      sameIp: signal('sameIp', {}),
      sameIpAndUserAgent: signal('sameIpAndUserAgent', {}),
      sameDevice: signal('sameDevice', {}),
      repeatedAccounts: signal('repeatedAccounts', {
        minAccounts: count(S.repeatedAccounts.minAccounts),
        windowHours: positive(S.repeatedAccounts.windowHours),
      }),
      advocateVelocity: signal('advocateVelocity', {
        maxReferrals: count(S.advocateVelocity.maxReferrals),
        windowHours: positive(S.advocateVelocity.windowHours),
      }),
      codeBurst: signal('codeBurst', {
        maxRedemptions: count(S.codeBurst.maxRedemptions),
        windowMinutes: positive(S.codeBurst.windowMinutes),
      }),
      disposableEmail: signal('disposableEmail', {
        add: domains.default(() => []),
        remove: domains.default(() => []),
      }),
      fastClickToPurchase: signal('fastClickToPurchase', {
        minSeconds: positive(S.fastClickToPurchase.minSeconds),
      }),
      existingCustomer: signal('existingCustomer', {}),
      advocateOverCap: signal('advocateOverCap', {}),
    })
    .prefault({}),
  scoreThresholds: z
    .strictObject({
      hold: z.number().nonnegative().default(DEFAULT_FRAUD_POLICY.scoreThresholds.hold),
      reject: z.number().nonnegative().default(DEFAULT_FRAUD_POLICY.scoreThresholds.reject),
    })
    .prefault({}),
});

/** A campaign's reward policy; `{}` is the default policy. See docs in domain/policy.ts. */
export const rewardPolicySchema = z.strictObject({
  minimumNetOrderValue: minorAmounts.default(() => ({ ...D.minimumNetOrderValue })),
  newCustomersOnly: z.boolean().default(D.newCustomersOnly),
  countsWhen: countsWhen.default(D.countsWhen as z.output<typeof countsWhen>),
  countingDeadlineDays: z.number().int().positive().optional(),
  returnWindow: z
    .strictObject({
      days: z.number().int().nonnegative().default(D.returnWindow.days),
      from: z.enum(['delivery', 'shipment', 'order']).default(D.returnWindow.from),
    })
    .prefault({}),
  excludeWhen: z
    .array(z.enum(['cancelled', 'fullyReturned', 'fullyRefunded']))
    .default(() => [...D.excludeWhen]),
  maxDiscountPercent: z.number().int().min(0).max(100).optional(),
  advocateCaps: z
    .strictObject({
      limits: z.array(advocateCap).default(() => []),
      acrossCampaigns: z.boolean().default(D.advocateCaps.acrossCampaigns),
    })
    .prefault({}),
  rewardHold: z
    .strictObject({
      mode: z.enum(['friendbuyHolds', 'connectorHolds']).default(D.rewardHold.mode),
      rewardDelayDays: z.number().int().nonnegative().default(D.rewardHold.rewardDelayDays),
      friendbuyRetryHours: z.number().positive().default(D.rewardHold.friendbuyRetryHours),
    })
    .prefault({}),
  fraud: fraudPolicySchema.prefault({}),
});
