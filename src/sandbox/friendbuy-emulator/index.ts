// An in-memory emulator of Friendbuy's Merchant API for sandbox mode and tests. Its plugin is mounted at
// `/sandbox/friendbuy` on the emulators' own port, where the MAPI client calls it, and on the connector's, where
// browsers follow its referral links (see sandbox/emulators.ts).
import type { FastifyError, FastifyPluginAsync } from 'fastify';
import { CodedError } from '../../domain/coded-error.js';
import { HTTP_STATUS } from '../../http/errors.js';
import type { Logger } from '../../logger.js';
import { analyticsRoutes, distributedAdvocateRewards, noAddedAnalytics } from './analytics-routes.js';
import { controlRoutes } from './control-routes.js';
import { createDirectory, type StoredReferralLink } from './directory.js';
import { type EmulatedApiError, errorResponse } from './errors.js';
import { createLanding } from './landing.js';
import { landingRoutes } from './landing-routes.js';
import { createRewardDistribution, type RewardDistribution } from './reward-distribution.js';
import { createEmulatorState, type Faults, type RecordedRequest } from './state.js';
import { v1Routes } from './v1-routes.js';

export type { Faults, RecordedRequest } from './state.js';

export interface FriendbuyEmulatorOptions {
  /** The MAPI key and secret the emulator accepts at `/v1/authorization`. */
  key: string;
  secret: string;
  /** Friendbuy's tokens live 20 minutes (S1). */
  tokenTtlSeconds?: number;
  /** Inject the connector's clock so token expiry and timestamps follow sandbox time. */
  now?: () => Date;
  /** Drives fault injection; tests pass a scripted sequence. */
  random?: () => number;
  /** The account Secret Key that signs webhooks (the connector's FRIENDBUY_SECRET_KEY). */
  secretKey?: string;
  /** Friendbuy merchant id written into the `fbuy` tokens of sandbox referral links. */
  merchantId?: string;
  /** Where the emulated campaign rules say why a purchase earned no reward. */
  logger?: Logger;
  /**
   * Called after a referral link was followed (a click its analytics list), so the sandbox can pull analytics
   * at once instead of on the timer. Purchases and sign-ups reach the funnel through the connector itself.
   */
  onReferralClick?: () => void;
}

export interface FriendbuyEmulator {
  plugin: FastifyPluginAsync;
  requests(): RecordedRequest[];
  clearRequests(): void;
  setFaults(faults: Partial<Faults>): void;
  faults(): Faults;
  /** Signed reward webhooks: `deliverTo` the connector's `/webhooks/friendbuy` once it listens. */
  webhooks: RewardDistribution['webhooks'];
  /** Public half of the sandbox key that signs `fbuy` tokens (generated at start). */
  fbuyPublicKeyPem: string;
  /** Advocates known in advance (the sandbox's demo advocates); `linkBase` is where the emulator is mounted. */
  addAdvocates(advocates: readonly AdvocateSeed[], linkBase: string): void;
  /**
   * Where browsers reach the emulator (the connector's `/sandbox/friendbuy`): referral links created through the
   * API point there from then on, even when the API call came in on another address (the connector's own port).
   */
  publishAt(linkBase: string): void;
}

export type AdvocateSeed = Omit<StoredReferralLink, 'link' | 'createdOn'>;

/**
 * @example
 * const friendbuy = createFriendbuyEmulator({ key: 'sandbox-key', secret: 'sandbox-secret' });
 * await app.register(friendbuy.plugin, { prefix: '/sandbox/friendbuy' });
 */
export function createFriendbuyEmulator(options: FriendbuyEmulatorOptions): FriendbuyEmulator {
  const now = options.now ?? (() => new Date());
  const state = createEmulatorState({
    key: options.key,
    secret: options.secret,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 1200,
    now,
    random: options.random ?? Math.random,
  });
  const directory = createDirectory();
  const landing = createLanding({
    merchantId: options.merchantId ?? '',
    secretKey: options.secretKey ?? '',
    now,
    directory,
  });
  const rewards = createRewardDistribution({
    directory,
    now,
    secretKey: options.secretKey ?? '',
    attributionOf: landing.referralCodeOf,
    logger: options.logger,
  });

  const addedAnalytics = noAddedAnalytics();
  let publicLinkBase: string | undefined;
  const plugin: FastifyPluginAsync = async (app) => {
    // One place turns every failure, including Fastify's own body-parsing errors, into Friendbuy's error shape.
    app.setErrorHandler<FastifyError | EmulatedApiError | CodedError>((error, request, reply) => {
      // A coded error comes from the host app's own hooks (e.g. its refusal of text the store cannot hold).
      const status = error instanceof CodedError ? HTTP_STATUS[error.code] : (error.statusCode ?? 500);
      if (status >= 500) request.log.error({ err: error }, 'Friendbuy emulator failed');
      const message = status >= 500 ? 'Internal server error' : error.message;
      return reply.code(status).send(errorResponse(status, message));
    });
    app.setNotFoundHandler((request, reply) =>
      reply.code(404).send(errorResponse(404, `No route ${request.method} ${request.url.split('?')[0]}`)),
    );

    app.addHook('onResponse', async (request) => {
      if (request.method === 'GET' && request.routeOptions.url?.endsWith('/r/:code'))
        options.onReferralClick?.();
    });
    await app.register(rewards.plugin);
    await app.register(v1Routes, {
      prefix: '/v1',
      state,
      directory,
      now,
      mountPath: app.prefix,
      publicBase: () => publicLinkBase,
    });
    await app.register(controlRoutes, { state });
    await app.register(analyticsRoutes, {
      state,
      now,
      clicks: landing.clickRows,
      advocateRewards: () => distributedAdvocateRewards(rewards.webhooks.deliveries()),
      added: addedAnalytics,
    });
    await app.register(landingRoutes, { landing, merchantId: options.merchantId ?? '' });
  };

  return {
    plugin,
    requests: () => state.requests(),
    clearRequests: () => state.clearRequests(),
    setFaults: (faults) => {
      state.setFaults(faults);
    },
    faults: () => state.faults(),
    webhooks: rewards.webhooks,
    fbuyPublicKeyPem: landing.publicKeyPem,
    addAdvocates(advocates, linkBase) {
      const createdOn = now().toISOString();
      for (const advocate of advocates) directory.addAdvocate(advocate, linkBase, createdOn);
    },
    publishAt(linkBase) {
      publicLinkBase = linkBase;
    },
  };
}
