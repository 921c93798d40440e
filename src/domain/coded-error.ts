// The one shape of every expected failure: a code from the connector's vocabulary below, which each caller maps
// once (the HTTP error handler to a status, the CLI to its message, a job to retry or not), a message for the
// caller, and plain details for the log. Unexpected failures stay plain errors: a 500 and a stack trace.

/** A request refused as such: malformed, unauthenticated, too large, too frequent, or naming nothing known. */
export type RequestErrorCode =
  | 'BadRequest'
  | 'InvalidJson'
  | 'Unauthorized'
  /** Signed in, but the operator's role does not allow it (the message says what the role cannot do). */
  | 'Forbidden'
  /** A console session's state-changing request without its CSRF token (X-CSRF-Token). */
  | 'CsrfRejected'
  | 'NotFound'
  | 'PayloadTooLarge'
  | 'TooManyRequests';

/** Promo codes and code batches (flows/code-errors.ts). */
export type CodeErrorCode =
  /** The code belongs to another owner (another channel, campaign or reward, or the merchant). */
  | 'CodeCollision'
  /** Another process is creating the code right now; retry shortly. */
  | 'CodeBusy'
  | 'CustomerNotFound'
  | 'CampaignNotFound'
  | 'BatchNotFound'
  /** Another runner holds the batch. */
  | 'BatchBusy'
  /** Random codes keep colliding: the prefix and length leave too few free codes. */
  | 'CodeSpaceExhausted'
  | 'InvalidRequest'
  /** Friendbuy failed a call the operator's request needed. */
  | 'FriendbuyUnavailable';

/** The storefront's refusals: its proofs (`fbuy`, visitor status, customer token) and the shopper's cart. */
export type StorefrontErrorCode =
  /** None of the referral proofs sent names a referral the connector accepts. */
  | 'NoAttribution'
  | 'InvalidFbuy'
  | 'InvalidVisitorStatus'
  | 'InvalidCustomerToken'
  /** commercetools could not be asked whether the customer token is valid. */
  | 'TokenCheckUnavailable'
  | 'CartNotOwned'
  | 'CartNotActive'
  /** commercetools refused the cart update; the caller sees commercetools' own code (`shownCode`). */
  | 'CartRejected';

/** Our commercetools integration found the project set up in a way it must not change (commercetools/errors.ts). */
export type CommercetoolsErrorCode =
  /** A configured type key (CTP_ORDER_TYPE_KEY / CTP_CUSTOMER_TYPE_KEY) names no type for that resource. */
  | 'CustomTypeNotFound'
  /** Several merchant types exist for a resource and no configuration says which one to extend. */
  | 'AmbiguousCustomType'
  /** A field with one of our names exists with another type; we never alter merchant definitions. */
  | 'CustomFieldConflict'
  /** The resource carries a custom type other than the one we write to. */
  | 'ForeignCustomType';

export type ErrorCode =
  | RequestErrorCode
  /** A message or value the store can never hold (a NUL, an unpaired surrogate, an oversized key). */
  | 'Unstorable'
  /** The store did not answer; the caller should retry later. */
  | 'StoreUnavailable'
  /** An operator decided a review another operator had already decided the other way. */
  | 'AlreadyDecided'
  /** The console's identity provider (OpenID Connect) did not answer. */
  | 'IdentityProviderUnavailable'
  /** An operator asked for a reward's coupon again while the reward is not owed (held, used, reversed…). */
  | 'RewardNotReissuable'
  | CodeErrorCode
  | StorefrontErrorCode
  | CommercetoolsErrorCode;

export interface CodedErrorOptions {
  /** What the log says instead of the message, when the message names a person (e.g. an operator). */
  logMessage?: string | undefined;
  /** Another system's own code, shown to the caller instead of ours (commercetools' `DiscountCodeNonApplicable`). */
  shownCode?: string | undefined;
  cause?: unknown;
}

export class CodedError<Code extends ErrorCode = ErrorCode> extends Error {
  readonly logMessage: string | undefined;
  readonly shownCode: string | undefined;

  constructor(
    readonly code: Code,
    message: string,
    readonly details: Record<string, unknown> = {},
    options: CodedErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CodedError';
    this.logMessage = options.logMessage;
    this.shownCode = options.shownCode;
  }
}
