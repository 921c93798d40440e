// POST /extensions/commercetools: the cart API extension. commercetools sends the cart as it would persist it;
// we answer 200 `{actions}` or 400 `{errors}` (reference §1.3). Our own faults and anything slower than our
// budget fail open (200, no actions) unless the merchant chose to fail closed, so our downtime never becomes
// the shop's: commercetools gives up after 2 s and then fails the shopper's request itself.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  type ExtensionCart,
  type ExtensionFailure,
  type ExtensionSuccess,
  extensionCartSchema,
  extensionInputSchema,
} from '../../commercetools/extension-input.js';
import { cartRejection } from '../../domain/cart-rejections.js';
import type { CartValidator } from '../../flows/validate-cart.js';
import { safeEqual } from '../auth.js';
import { unauthorized } from '../errors.js';

export const CART_EXTENSION_PATH = '/extensions/commercetools';

export interface CartExtensionRouteDeps {
  /** The whole `Authorization` header commercetools is configured to send (CONNECTOR_EXTENSION_SECRET). */
  authorization: string;
  failMode: 'open' | 'closed';
  budgetMs: number;
  validate: CartValidator;
}

class BudgetExceeded extends Error {
  override name = 'BudgetExceeded';
}

export function registerCartExtensionRoute(app: FastifyInstance, deps: CartExtensionRouteDeps): void {
  const checkAuthorization = async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    if (!header || !safeEqual(header, deps.authorization)) throw unauthorized();
  };

  // Fails open on our faults: a cart whose text we could not store is still answered, never refused for it.
  app.post(
    CART_EXTENSION_PATH,
    { onRequest: checkAuthorization, config: { acceptsAnyText: true } },
    async (request, reply) => {
      const input = extensionInputSchema.safeParse(request.body);
      if (!input.success) return ownFault(request, reply, undefined, input.error);
      // Only carts are ours; a trigger on another resource (a setup mistake) must not block it.
      if (input.data.resource.typeId !== 'cart') return { actions: [] } satisfies ExtensionSuccess;
      const cart = extensionCartSchema.safeParse(input.data.resource.obj);
      if (!cart.success) return ownFault(request, reply, undefined, cart.error);

      let verdict: Awaited<ReturnType<CartValidator>>;
      try {
        verdict = await withinBudget(deps.validate(cart.data), deps.budgetMs);
      } catch (error) {
        return ownFault(request, reply, cart.data, error);
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
        return reply.code(400).send({ errors: verdict.errors } satisfies ExtensionFailure);
      }
      return { actions: verdict.actions } satisfies ExtensionSuccess;
    },
  );

  function ownFault(
    request: FastifyRequest,
    reply: FastifyReply,
    cart: ExtensionCart | undefined,
    error: unknown,
  ) {
    request.log.error(
      { err: error, cartId: cart?.id, failMode: deps.failMode },
      deps.failMode === 'open'
        ? 'cart referral checks failed; letting the cart through (fail open)'
        : 'cart referral checks failed; refusing the cart (fail closed)',
    );
    if (deps.failMode === 'open') return reply.code(200).send({ actions: [] } satisfies ExtensionSuccess);
    return reply.code(400).send({
      errors: [cartRejection('referral-check-unavailable', cart?.locale)],
    } satisfies ExtensionFailure);
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
