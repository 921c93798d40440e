// The connector's custom fields on commercetools, as data. Every field name is spelled here and nowhere else;
// the `friendbuy` prefix keeps them clear of the merchant's own fields when we extend the merchant's type.
import type { FieldDefinition, ResourceTypeId } from '@commercetools/platform-sdk';

/** Our own type keys, used when the merchant has no custom type for the resource yet. */
export const ORDER_TYPE_KEY = 'ct-friendbuy-order';
export const CUSTOMER_TYPE_KEY = 'ct-friendbuy-customer';

/** Fields on carts and orders (resource type id `order` serves both, and cart fields are copied to the order). */
export const ORDER_FIELDS = {
  referralCode: 'friendbuyReferralCode',
  attributionId: 'friendbuyAttributionId',
  ipAddress: 'friendbuyIpAddress',
  userAgent: 'friendbuyUserAgent',
  landingAt: 'friendbuyLandingAt',
  deviceHash: 'friendbuyDeviceHash',
  purchaseReportStatus: 'friendbuyPurchaseReportStatus',
  purchaseEventId: 'friendbuyPurchaseEventId',
  rewardState: 'friendbuyRewardState',
  fraudVerdict: 'friendbuyFraudVerdict',
  friendIncentiveCode: 'friendbuyFriendIncentiveCode',
  lastEvent: 'friendbuyLastEvent',
} as const;

export const CUSTOMER_FIELDS = {
  advocateReferralCode: 'friendbuyAdvocateReferralCode',
  advocateReferralLink: 'friendbuyAdvocateReferralLink',
  referralRole: 'friendbuyReferralRole',
  /** JSON text: commercetools has no JSON field type. */
  rewardsSummary: 'friendbuyRewardsSummary',
  lastRewardState: 'friendbuyLastRewardState',
} as const;

export const PURCHASE_REPORT_STATUSES = ['pending', 'reported', 'held', 'failed', 'skipped'] as const;
export type PurchaseReportStatus = (typeof PURCHASE_REPORT_STATUSES)[number];

export const REFERRAL_ROLES = ['advocate', 'friend', 'both'] as const;
export type ReferralRole = (typeof REFERRAL_ROLES)[number];

function field(name: string, label: string, type: FieldDefinition['type']): FieldDefinition {
  return { name, label: { en: label }, required: false, type, inputHint: 'SingleLine' };
}

const text = { name: 'String' } as const;
const dateTime = { name: 'DateTime' } as const;
function enumOf(values: readonly string[]): FieldDefinition['type'] {
  return { name: 'Enum', values: values.map((key) => ({ key, label: key })) };
}

export const ORDER_FIELD_DEFINITIONS: readonly FieldDefinition[] = [
  field(ORDER_FIELDS.referralCode, 'Friendbuy referral code', text),
  field(ORDER_FIELDS.attributionId, 'Friendbuy attribution id', text),
  field(ORDER_FIELDS.ipAddress, 'Friendbuy shopper IP address', text),
  field(ORDER_FIELDS.userAgent, 'Friendbuy shopper user agent', text),
  field(ORDER_FIELDS.landingAt, 'Friendbuy referral landing time', dateTime),
  field(ORDER_FIELDS.deviceHash, 'Friendbuy shopper device (keyed hash)', text),
  field(
    ORDER_FIELDS.purchaseReportStatus,
    'Friendbuy purchase report status',
    enumOf(PURCHASE_REPORT_STATUSES),
  ),
  field(ORDER_FIELDS.purchaseEventId, 'Friendbuy purchase event id', text),
  field(ORDER_FIELDS.rewardState, 'Friendbuy reward state', text),
  field(ORDER_FIELDS.fraudVerdict, 'Friendbuy fraud verdict', text),
  field(ORDER_FIELDS.friendIncentiveCode, 'Friendbuy friend incentive code', text),
  field(ORDER_FIELDS.lastEvent, 'Friendbuy last event', text),
];

export const CUSTOMER_FIELD_DEFINITIONS: readonly FieldDefinition[] = [
  field(CUSTOMER_FIELDS.advocateReferralCode, 'Friendbuy advocate referral code', text),
  field(CUSTOMER_FIELDS.advocateReferralLink, 'Friendbuy advocate referral link', text),
  field(CUSTOMER_FIELDS.referralRole, 'Friendbuy referral role', enumOf(REFERRAL_ROLES)),
  field(CUSTOMER_FIELDS.rewardsSummary, 'Friendbuy rewards summary (JSON)', text),
  field(CUSTOMER_FIELDS.lastRewardState, 'Friendbuy last reward state', text),
];

export interface CustomTypeSpec {
  /** Our own key, used only when we create the type. */
  key: string;
  resourceTypeId: ResourceTypeId;
  name: string;
  /** Environment variable that names a merchant type to extend instead. */
  configVariable: string;
  fields: readonly FieldDefinition[];
}

export const CUSTOM_TYPE_SPECS = {
  order: {
    key: ORDER_TYPE_KEY,
    resourceTypeId: 'order',
    name: 'Friendbuy referral (carts and orders)',
    configVariable: 'CTP_ORDER_TYPE_KEY',
    fields: ORDER_FIELD_DEFINITIONS,
  },
  customer: {
    key: CUSTOMER_TYPE_KEY,
    resourceTypeId: 'customer',
    name: 'Friendbuy referral (customers)',
    configVariable: 'CTP_CUSTOMER_TYPE_KEY',
    fields: CUSTOMER_FIELD_DEFINITIONS,
  },
} as const satisfies Record<string, CustomTypeSpec>;
