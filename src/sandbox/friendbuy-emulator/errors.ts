// Errors the emulated Merchant API answers with, in Friendbuy's documented error shape (S1 "Errors"), so the
// connector's client is exercised against the same body it meets in production.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';

export interface FriendbuyErrorResponse {
  error: string;
  message: string;
  code: number;
  /** Friendbuy asks merchants to quote it to support; here it only makes each error distinguishable. */
  reference: string;
}

/** Thrown by route code and turned into a FriendbuyErrorResponse by the emulator's one error handler. */
export class EmulatedApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'EmulatedApiError';
  }
}

export function errorResponse(status: number, message: string): FriendbuyErrorResponse {
  return { error: STATUS_CODES[status] ?? 'Error', message, code: status, reference: randomUUID() };
}
