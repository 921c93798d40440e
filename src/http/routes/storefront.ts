// /storefront/*: the public routes the browser kit calls from the merchant's shop (another origin, hence CORS),
// plus the kit itself. Bodies are small JSON (16 kB at most). Thin: parse, call a flow; its refusals are coded
// errors, which the app's error handler answers.
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { StorefrontConfig } from '../../config-storefront.js';
import type { Campaign } from '../../domain/campaign.js';
import { CodedError } from '../../domain/coded-error.js';
import { applyFriendCoupon } from '../../flows/apply-friend-coupon.js';
import { captureAttribution } from '../../flows/capture-attribution.js';
import { describeStorefront } from '../../flows/describe-storefront.js';
import { signCustomerAuthFor } from '../../flows/sign-customer-auth.js';
import type { StorefrontDeps } from '../../flows/storefront-deps.js';
import { bearerToken, safeEqual } from '../auth.js';
import { unauthorized } from '../errors.js';
import { storefrontAssets } from './storefront-assets.js';
import {
  attributionBodySchema,
  configQuerySchema,
  couponBodySchema,
  customerTokenBodySchema,
  parseOrReject,
  serverCustomerBodySchema,
} from './storefront-schemas.js';

export const STOREFRONT_BODY_LIMIT_BYTES = 16 * 1024;

export interface StorefrontRoutesOptions {
  settings: StorefrontConfig;
  campaigns: readonly Campaign[];
  deps: StorefrontDeps;
  /**
   * Requests per client IP (behind the trusted proxies, `request.ip`) and window on the routes that answer
   * anyone; `max: 0` turns the limit off. The kit's script is not limited: every page view loads it.
   */
  rateLimit?: { max: number; windowMs: number } | undefined;
}

/** Register with `{ prefix: '/storefront' }`. */
export function storefrontRoutes(options: StorefrontRoutesOptions): FastifyPluginAsync {
  const { settings, deps } = options;

  return async (app) => {
    app.addHook('onRequest', async (request, reply) => {
      allowOrigin(settings.allowedOrigins, request, reply);
      // Refuse early, by the declared length, before reading a byte of an oversized body.
      if (Number(request.headers['content-length'] ?? 0) > STOREFRONT_BODY_LIMIT_BYTES)
        throw new CodedError('PayloadTooLarge', `body exceeds ${STOREFRONT_BODY_LIMIT_BYTES} bytes`);
    });
    app.options('/*', async (_request, reply) =>
      reply
        .header('access-control-allow-methods', 'GET, POST, OPTIONS')
        .header('access-control-allow-headers', 'content-type, authorization')
        .header('access-control-max-age', '600')
        .code(204)
        .send(),
    );
    await app.register(storefrontAssets);
    // Registered after the assets, so it limits only the routes below (an onRoute hook of this scope).
    if (options.rateLimit && options.rateLimit.max > 0) {
      await app.register(rateLimit, {
        max: options.rateLimit.max,
        timeWindow: options.rateLimit.windowMs,
        keyGenerator: (request) => request.ip,
        errorResponseBuilder: (_request, context) =>
          new CodedError('TooManyRequests', `too many requests; retry in ${context.after}`),
      });
    }

    const limits = { bodyLimit: STOREFRONT_BODY_LIMIT_BYTES };

    app.get('/config', async (request) => {
      const query = parseOrReject(configQuerySchema, request.query);
      return describeStorefront(options.campaigns, settings, { storeKey: query.store, locale: query.locale });
    });

    app.post('/attribution', limits, async (request) => {
      const body = parseOrReject(attributionBodySchema, request.body);
      return captureAttribution(deps, {
        ...body,
        ipAddress: request.ip,
        userAgent: request.headers['user-agent'],
      });
    });

    app.post('/coupon', limits, async (request) => {
      const body = parseOrReject(couponBodySchema, request.body);
      return applyFriendCoupon(deps, body);
    });

    app.post('/customer-auth', limits, async (request) => {
      // The merchant's backend authenticates with the server key; a browser proves the customer with a token.
      if (request.headers.authorization !== undefined) {
        const key = bearerToken(request);
        if (!settings.serverKey || !key || !safeEqual(key, settings.serverKey))
          throw unauthorized('Authorization: not the storefront server key');
        const body = parseOrReject(serverCustomerBodySchema, request.body);
        return signCustomerAuthFor(deps, { via: 'serverKey', ...body });
      }
      const { customerToken } = parseOrReject(customerTokenBodySchema, request.body);
      return signCustomerAuthFor(deps, { via: 'customerToken', customerToken });
    });
  };
}

/** No credentials travel with these calls (proofs are in the body), so `*` is safe when configured. */
function allowOrigin(allowed: readonly string[], request: FastifyRequest, reply: FastifyReply): void {
  const origin = request.headers.origin;
  if (allowed.includes('*')) {
    reply.header('access-control-allow-origin', '*');
    return;
  }
  reply.header('vary', 'origin');
  if (origin && allowed.includes(origin)) reply.header('access-control-allow-origin', origin);
}
