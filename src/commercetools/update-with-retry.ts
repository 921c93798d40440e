// Optimistic-concurrency updates done right: on a 409 we re-read and re-decide, because the actions that were
// right for version N may be wrong (or unnecessary) for version N+1. The SDK's concurrent-modification
// middleware only patches the version and resends, which is why we do not use it.

/** True for a commercetools ConcurrentModification error as thrown by the SDK (status 409). */
export function isConcurrentModification(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { statusCode?: unknown; status?: unknown; body?: unknown };
  const body = (e.body ?? {}) as { statusCode?: unknown; errors?: Array<{ code?: unknown }> };
  const code = Array.isArray(body.errors) ? body.errors[0]?.code : undefined;
  if (code !== undefined) return code === 'ConcurrentModification';
  return e.statusCode === 409 || e.status === 409 || body.statusCode === 409;
}

export interface UpdateWithRetryOptions<R extends { version: number }, A> {
  /** Reads the current resource (fresh on every attempt). */
  load: () => Promise<R>;
  /** Decides what to change given the current resource; `[]` means nothing to do. */
  buildActions: (current: R) => A[];
  /** Sends the actions with `current.version` and returns the updated resource. */
  apply: (current: R, actions: A[]) => Promise<R>;
  /** Total attempts including the first; default 5. */
  maxAttempts?: number;
}

/**
 * Loads, decides and applies; on a ConcurrentModification it starts over from a fresh read.
 * Returns the updated resource, or the loaded one when there was nothing to do.
 *
 * @example
 * const order = await updateWithRetry({
 *   load: async () => (await apiRoot.orders().withId({ ID: id }).get().execute()).body,
 *   buildActions: (o) => customFieldActions(o, typeKey, typeId, { [ORDER_FIELDS.lastEvent]: 'purchase' }),
 *   apply: async (o, actions) =>
 *     (await apiRoot.orders().withId({ ID: o.id }).post({ body: { version: o.version, actions } }).execute()).body,
 * });
 */
export async function updateWithRetry<R extends { version: number }, A>(
  options: UpdateWithRetryOptions<R, A>,
): Promise<R> {
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    const current = await options.load();
    const actions = options.buildActions(current);
    if (actions.length === 0) return current;
    try {
      return await options.apply(current, actions);
    } catch (error) {
      if (!isConcurrentModification(error) || attempt >= maxAttempts) throw error;
    }
  }
}

/** An SDK endpoint that updates its resources by id with versioned actions: `api.orders()`, `api.customers()`… */
export interface VersionedEndpoint<R, A> {
  withId(args: { ID: string }): {
    post(args: { body: { version: number; actions: A[] } }): { execute(): Promise<{ body: R }> };
  };
}

/**
 * `updateWithRetry` for the usual case: read the resource (it must exist), decide, post the actions with its
 * version to `endpoint`.
 * @example
 * await updateResourceWithRetry(api.orders(), {
 *   what: `order ${orderId}`,
 *   read: () => getOrder(api, orderId),
 *   buildActions: (order) => customFieldActions(order, typeKey, typeId, fields) as OrderUpdateAction[],
 * });
 */
export function updateResourceWithRetry<R extends { id: string; version: number }, A>(
  endpoint: VersionedEndpoint<R, A>,
  options: { what: string; read: () => Promise<R | undefined>; buildActions: (current: R) => A[] },
): Promise<R> {
  return updateWithRetry<R, A>({
    load: async () => {
      const current = await options.read();
      if (!current) throw new Error(`${options.what} not found in commercetools`);
      return current;
    },
    buildActions: options.buildActions,
    apply: async (current, actions) =>
      (
        await endpoint
          .withId({ ID: current.id })
          .post({ body: { version: current.version, actions } })
          .execute()
      ).body,
  });
}
