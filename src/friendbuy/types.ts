// Request and response shapes of the Friendbuy Merchant API endpoints the connector calls
// (reference/friendbuy-api.md §2.4–2.6; S1 is Friendbuy's own published spec).

/** Free-form extras. Friendbuy keeps at most 10 keys with string values up to 128 chars and drops the rest (S3). */
export type AdditionalProperties = Record<string, string>;

/** Fields Friendbuy uses to attribute a conversion; it tries couponCode, then attributionId, then referralCode. */
export interface Attribution {
  couponCode?: string | undefined;
  attributionId?: string | undefined;
  referralCode?: string | undefined;
}

/** Fraud-check signals captured at the storefront. */
export interface ClientSignals {
  ipAddress?: string | undefined;
  userAgent?: string | undefined;
}

export interface Birthday {
  day: number;
  month: number;
  year?: number | undefined;
}

/** `POST /v1/event/account-sign-up`. */
export interface SignUpEvent extends Attribution, ClientSignals {
  email: string;
  customerId: string;
  firstName?: string | undefined;
  lastName?: string | undefined;
  isNewCustomer?: boolean | undefined;
  /** IANA zone name. */
  timezone?: string | undefined;
  birthday?: Birthday | undefined;
  additionalProperties?: AdditionalProperties | undefined;
}

/** `POST /v1/event/custom`. The event type must be configured in a Friendbuy campaign. */
export interface CustomEvent extends Attribution, ClientSignals {
  eventType: string;
  email: string;
  customerId?: string | undefined;
  /**
   * Friendbuy does not reward a later custom event with the same eventType and deduplicationId. Required: it is
   * what makes re-sending a custom event after an ambiguous outcome safe.
   */
  deduplicationId: string;
  isNewCustomer?: boolean | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  amount?: number | undefined;
  currency?: string | undefined;
  additionalProperties?: AdditionalProperties | undefined;
}

/** `POST /v1/customer`: create or update a customer profile. */
export interface CustomerUpsert extends ClientSignals {
  email: string;
  customerId: string;
  isNewCustomer?: boolean | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  age?: number | undefined;
  gender?: string | undefined;
  zipCode?: string | undefined;
  state?: string | undefined;
  city?: string | undefined;
  category?: string | undefined;
  country?: string | undefined;
  language?: string | undefined;
  timezone?: string | undefined;
  birthday?: Birthday | undefined;
  additionalProperties?: AdditionalProperties | undefined;
}

/** Response of every event endpoint (201) and of the customer upsert (200 updated, 201 created). */
export interface EventResponse {
  eventId: string;
  createdOn: string;
}

export type ReferralChannel =
  | 'email'
  | 'facebook'
  | 'generic'
  | 'instagram'
  | 'messenger'
  | 'sms'
  | 'snap'
  | 'twitter'
  | 'purl';

/** `POST /v1/personal-referral-link`: create-or-retrieve, keyed by email + campaignId. */
export interface PersonalReferralLinkRequest extends ClientSignals {
  email: string;
  campaignId: string;
  customerId?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  /** Vanity base of the referral code; Friendbuy picks one when absent. */
  seed?: string | undefined;
  /** Friendbuy recommends `purl`. */
  channel?: ReferralChannel | undefined;
  destinationUrlQueryParams?: Record<string, string> | undefined;
}

export interface PersonalReferralLink {
  link: string;
  referralCode: string;
  createdOn: string;
}

/** Batch items accept a few more options than the single endpoint (S1). */
export interface PersonalReferralLinkBatchItem extends PersonalReferralLinkRequest {
  prefix?: string | undefined;
  short?: boolean | undefined;
  widgetId?: string | undefined;
}

/** `POST /v1/personal-referral-link-batch`: at most 10 requests per call. */
export interface PersonalReferralLinkBatchRequest {
  requests: PersonalReferralLinkBatchItem[];
}

export interface BatchPersonalReferralLink extends PersonalReferralLink {
  email: string;
  campaignId: string;
  customerId?: string | undefined;
}

export interface PersonalReferralLinkBatchResponse {
  purls: BatchPersonalReferralLink[];
}

/** `POST /v1/authorization` response. */
export interface AuthorizationResponse {
  tokenType: string;
  token: string;
  /** ISO-8601; always trust it over any documented lifetime (20 min in S1, 24 h earlier). */
  expires: string;
}

/** Friendbuy's error body on every endpoint (S1 "Errors"; S4 parses the same four keys). */
export interface FriendbuyErrorBody {
  error?: string | undefined;
  message?: string | undefined;
  code?: number | undefined;
  reference?: string | undefined;
  [extra: string]: unknown;
}
