// The one table from error codes to HTTP statuses: routes and flows throw CodedError (src/domain/coded-error.ts)
// and the app's error handler (app.ts) answers with the status below, in one response shape.
import { z } from 'zod';
import { CodedError, type ErrorCode } from '../domain/coded-error.js';

/**
 * 500 marks a code that is our own setup's fault, not the caller's: the caller sees an internal error and the
 * log keeps the code.
 */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  BadRequest: 400,
  InvalidJson: 400,
  Unauthorized: 401,
  Forbidden: 403,
  CsrfRejected: 403,
  NotFound: 404,
  PayloadTooLarge: 413,
  TooManyRequests: 429,
  Unstorable: 400,
  StoreUnavailable: 503,
  AlreadyDecided: 409,
  IdentityProviderUnavailable: 502,
  RewardNotReissuable: 409,
  // Promo codes and code batches
  CodeCollision: 409,
  CodeBusy: 503,
  CustomerNotFound: 404,
  CampaignNotFound: 404,
  BatchNotFound: 404,
  BatchBusy: 409,
  CodeSpaceExhausted: 422,
  InvalidRequest: 400,
  FriendbuyUnavailable: 502,
  // Storefront
  NoAttribution: 400,
  InvalidFbuy: 400,
  InvalidVisitorStatus: 400,
  InvalidCustomerToken: 401,
  TokenCheckUnavailable: 503,
  CartNotOwned: 403,
  CartNotActive: 409,
  CartRejected: 400,
  // Our commercetools setup
  CustomTypeNotFound: 500,
  AmbiguousCustomType: 500,
  CustomFieldConflict: 500,
  ForeignCustomType: 500,
};

export const badRequest = (message: string) => new CodedError('BadRequest', message);
export const unauthorized = (message = 'missing or invalid credentials') =>
  new CodedError('Unauthorized', message);
export const notFound = (message: string) => new CodedError('NotFound', message);

/** A route's body, query or params as `schema` reads them, else a 400 naming what is wrong. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest(z.prettifyError(parsed.error));
  return parsed.data;
}
