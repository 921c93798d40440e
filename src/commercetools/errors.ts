// The one error class for expected failures in our commercetools integration; the caller maps `code` once.
import { CodedError, type CommercetoolsErrorCode } from '../domain/coded-error.js';

export class CommercetoolsIntegrationError extends CodedError<CommercetoolsErrorCode> {
  override readonly name = 'CommercetoolsIntegrationError';
}
