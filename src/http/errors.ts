// One error type for expected HTTP failures; the app's single error handler turns it into one response shape.

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** What the log says instead of the message, when the message names a person (e.g. an operator). */
    readonly logMessage?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string) => new HttpError(400, 'BadRequest', message);
export const unauthorized = (message = 'missing or invalid credentials') =>
  new HttpError(401, 'Unauthorized', message);
