// The one error class for expected failures in our commercetools integration; the caller maps `code` once.
import { CodedError } from '../domain/coded-error.js';

export type CommercetoolsErrorCode =
  /** A configured type key (CTP_ORDER_TYPE_KEY / CTP_CUSTOMER_TYPE_KEY) names no type for that resource. */
  | 'CustomTypeNotFound'
  /** Several merchant types exist for a resource and no configuration says which one to extend. */
  | 'AmbiguousCustomType'
  /** A field with one of our names exists with another type; we never alter merchant definitions. */
  | 'CustomFieldConflict'
  /** The resource carries a custom type other than the one we write to. */
  | 'ForeignCustomType';

export class CommercetoolsIntegrationError extends CodedError<CommercetoolsErrorCode> {
  override readonly name = 'CommercetoolsIntegrationError';
}
