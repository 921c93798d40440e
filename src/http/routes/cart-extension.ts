// POST /extensions/commercetools: the cart API extension. commercetools sends the cart as it would persist it;
// we answer 200 `{actions}` or 400 `{errors}` (reference §1.3). Our own faults and anything slower than our
// budget fail open (200, no actions) unless the merchant chose to fail closed, so our downtime never becomes
// the shop's: commercetools gives up after 2 s and then fails the shopper's request itself.
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { startStopwatch } from '../../clock.js';
import { CART_EXTENSION_PATH } from '../../commercetools/cart-extension-registration.js';
import {
  type ExtensionCart,
  type ExtensionFailure,
  type ExtensionSuccess,
  extensionCartSchema,
  extensionInputSchema,
} from '../../commercetools/extension-input.js';
import { cartRejection } from '../../domain/cart-rejections.js';
import type { CartValidator } from '../../flows/validate-cart.js';
import type { CartExtensionOutcome, ConnectorMetrics } from '../../observability/metrics.js';
import { secretMatcher } from '../auth.js';
import { unauthorized } from '../errors.js';

export { CART_EXTENSION_PATH };

export interface CartExtensionRouteDeps {
  /** The whole `Authorization` header commercetools is configured to send (CONNECTOR_EXTENSION_SECRET). */
  authorization: string;
  failMode: 'open' | 'closed';
  budgetMs: number;
  validate: CartValidator;
  /** Latency by outcome, and the carts let through on our own faults. */
  metrics: Pick<ConnectorMetrics, 'cartExtension'>;
}

class BudgetExceeded extends Error {
  override name = 'BudgetExceeded';
}

export function registerCartExtensionRoute(app: FastifyInstance, deps: CartExtensionRouteDeps): void {
  const authorized = secretMatcher(deps.authorization);
  // Callback-style like the app's own hooks: no promise per request on the route commercetools waits on.
  const checkAuthorization: onRequestHookHandler = (request, _reply, done) => {
    const header = request.headers.authorization;
    done(header && authorized(header) ? undefined : unauthorized());
  };

  // Fails open on our faults: a cart whose text we could not store is still answered, never refused for it.
  app.post(
    CART_EXTENSION_PATH,
    { onRequest: checkAuthorization, config: { acceptsAnyText: true } },
    async (request, reply) => {
      const stopwatch = startStopwatch();
      const done = <T>(outcome: CartExtensionOutcome, answer: T): T => {
        deps.metrics.cartExtension(outcome, stopwatch.elapsedMs() / 1000);
        return answer;
      };
      const input = extensionInputSchema.safeParse(request.body);
      if (!input.success) return ownFault(request, reply, undefined, input.error, done);
      // Only carts are ours; a trigger on another resource (a setup mistake) must not block it.
      if (input.data.resource.typeId !== 'cart')
        return done('not-a-cart', { actions: [] } satisfies ExtensionSuccess);
      const cart = extensionCartSchema.safeParse(input.data.resource.obj);
      if (!cart.success) return ownFault(request, reply, undefined, cart.error, done);

      let verdict: Awaited<ReturnType<CartValidator>>;
      try {
        verdict = await withinBudget(deps.validate(cart.data), deps.budgetMs);
      } catch (error) {
        return ownFault(request, reply, cart.data, error, done);
      }
      if (verdict.kind === 'reject') {
        request.log.info(
          {
            cartId: cart.data.id,
            action: input.data.action,
            reason: verdict.reason,
            evidence: verdict.evidence,
          },
          'cart refused by the referral checks',
        );
        return done('refused', reply.code(400).send({ errors: verdict.errors } satisfies ExtensionFailure));
      }
      return done('accepted', { actions: verdict.actions } satisfies ExtensionSuccess);
    },
  );

  function ownFault(
    request: FastifyRequest,
    reply: FastifyReply,
    cart: ExtensionCart | undefined,
    error: unknown,
    done: <T>(outcome: CartExtensionOutcome, answer: T) => T,
  ) {
    request.log.error(
      { err: error, cartId: cart?.id, failMode: deps.failMode },
      deps.failMode === 'open'
        ? 'cart referral checks failed; letting the cart through (fail open)'
        : 'cart referral checks failed; refusing the cart (fail closed)',
    );
    if (deps.failMode === 'open')
      return done('failed-open', reply.code(200).send({ actions: [] } satisfies ExtensionSuccess));
    return done(
      'failed-closed',
      reply.code(400).send({
        errors: [cartRejection('referral-check-unavailable', cart?.locale)],
      } satisfies ExtensionFailure),
    );
  }
}

async function withinBudget<T>(work: Promise<T>, budgetMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BudgetExceeded(`no answer within ${budgetMs} ms`)), budgetMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
