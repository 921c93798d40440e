// Reads where "it does not exist (any more)" is an ordinary answer: commercetools says 404, the caller gets
// undefined; every other failure is thrown, so the caller's job retries.

/** True for a commercetools 404, as the SDK throws it. */
export function isNotFound(error: unknown): boolean {
  const e = error as { statusCode?: number; body?: { statusCode?: number } };
  return e?.statusCode === 404 || e?.body?.statusCode === 404;
}

/**
 * The body of an SDK request, or undefined when commercetools answers 404.
 * @example const customer = await readOrUndefined(api.customers().withId({ ID: id }).get());
 */
export async function readOrUndefined<T>(request: {
  execute(): Promise<{ body: T }>;
}): Promise<T | undefined> {
  try {
    return (await request.execute()).body;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
