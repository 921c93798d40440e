// The shape of every expected failure: a code the caller maps once (to an HTTP status, an exit code, a retry
// decision) and plain details for the log. Feature areas subclass it with their own code union.

export class CodedError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
