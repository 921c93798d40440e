// The emulated Merchant API endpoints under /v1: authorization, events, customer, PURLs, user-data export and
// erasure.
// Every call is delayed and possibly failed per the injected faults, then recorded with its final status.
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Directory, Person } from './directory.js';
import { EmulatedApiError, errorResponse } from './errors.js';
import {
  authorizationSchema,
  customEventSchema,
  customerSchema,
  parseInput,
  personalReferralLinkBatchSchema,
  personalReferralLinkSchema,
  purchaseSchema,
  signUpSchema,
  userDataQuerySchema,
} from './schemas.js';
import type { EmulatorState } from './state.js';

export interface V1RoutesOptions {
  state: EmulatorState;
  directory: Directory;
  now: () => Date;
  /** Where the emulator is mounted (`/sandbox/friendbuy`): recorded paths and PURLs are relative to it. */
  mountPath: string;
  /** Where browsers reach the emulator, once known: referral links point there, not where the call came in. */
  publicBase?: (() => string | undefined) | undefined;
}

export const v1Routes: FastifyPluginAsync<V1RoutesOptions> = async (
  app,
  { state, directory, now, mountPath, publicBase },
) => {
  const receivedAt = new WeakMap<FastifyRequest, string>();
  const eventCreated = () => ({ eventId: randomUUID(), createdOn: now().toISOString() });

  app.addHook('onRequest', async (request) => {
    receivedAt.set(request, now().toISOString());
  });

  // After body parsing, so a delayed or faulted call is still recorded with the body the client sent, and a
  // call the client gave up on is still handled, as a real server would after the client's timeout.
  app.addHook('preHandler', async (_request, reply) => {
    const { latencyMs } = state.faults();
    if (latencyMs > 0) await delay(latencyMs);
    const fault = state.drawFault();
    if (fault === undefined) return;
    const message = fault === 429 ? 'Too many requests (injected fault)' : 'Internal error (injected fault)';
    return reply.code(fault).send(errorResponse(fault, message));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const url = new URL(request.url, 'http://emulator');
    const query = Object.fromEntries(url.searchParams);
    const correlationId = request.headers['x-correlation-id'];
    state.record({
      method: request.method,
      path: url.pathname.slice(mountPath.length),
      ...(Object.keys(query).length > 0 ? { query } : {}),
      body: maskSecret(request.body),
      status: reply.statusCode,
      receivedAt: receivedAt.get(request) ?? now().toISOString(),
      ...(typeof correlationId === 'string' ? { correlationId } : {}),
    });
    return payload;
  });

  app.post('/authorization', async (request) => {
    const { key, secret } = parseInput(authorizationSchema, request.body);
    if (!state.credentialsMatch(key, secret)) throw new EmulatedApiError(401, 'Invalid key or secret');
    return state.issueToken();
  });

  await app.register(async (authenticated) => {
    authenticated.addHook('preHandler', async (request) => {
      // Friendbuy accepts the token with or without the `Bearer ` prefix (S2 sends it bare in production).
      const token = request.headers.authorization?.replace(/^Bearer\s+/i, '');
      if (!token) throw new EmulatedApiError(401, 'Missing authorization token');
      if (!state.tokenIsValid(token))
        throw new EmulatedApiError(401, 'Invalid or expired authorization token');
    });

    const trackEvent = (schema: z.ZodType) => async (request: FastifyRequest, reply: FastifyReply) => {
      parseInput(schema, request.body);
      return reply.code(201).send(eventCreated());
    };
    const linkBase = (request: FastifyRequest) =>
      publicBase?.() ?? `${request.protocol}://${request.host}${mountPath}`;

    authenticated.post('/event/purchase', async (request, reply) => {
      const { orderId } = parseInput(purchaseSchema, request.body);
      const { event, duplicate } = state.purchaseEvent(orderId, eventCreated);
      // A deduplicated repeat is answered 200 and not listed again in the purchases analytics.
      return reply.code(duplicate ? 200 : 201).send(event);
    });
    authenticated.post('/event/account-sign-up', trackEvent(signUpSchema));
    authenticated.post('/event/custom', trackEvent(customEventSchema));

    authenticated.post('/customer', async (request, reply) => {
      const { customerId, email } = parseInput(customerSchema, request.body);
      const outcome = directory.upsertCustomer(customerId, email);
      return reply.code(outcome === 'created' ? 201 : 200).send(eventCreated());
    });

    authenticated.post('/personal-referral-link', async (request) => {
      const input = parseInput(personalReferralLinkSchema, request.body);
      const { link, referralCode, createdOn } = directory.referralLink(
        input,
        linkBase(request),
        now().toISOString(),
      );
      return { link, referralCode, createdOn };
    });

    authenticated.post('/personal-referral-link-batch', async (request) => {
      const { requests } = parseInput(personalReferralLinkBatchSchema, request.body);
      const createdOn = now().toISOString();
      return { purls: requests.map((input) => directory.referralLink(input, linkBase(request), createdOn)) };
    });

    // Erasure is asynchronous as in Friendbuy: the job id comes back at once, the data goes a little later
    // (emulator time), so a client must follow the job rather than assume it is done.
    const erasures: Array<{ jobId: string; person: Person; dueAt: number }> = [];
    const eraseDue = () => {
      for (const erasure of erasures.filter((e) => e.dueAt <= now().getTime())) {
        directory.forget(erasure.person);
        erasures.splice(erasures.indexOf(erasure), 1);
      }
    };
    authenticated.get('/user-data', async (request) => {
      eraseDue();
      const person = parseInput(userDataQuerySchema, request.query);
      const pending = erasures.find((e) => samePerson(e.person, person));
      return { ...directory.about(person), ...(pending ? { erasureJobId: pending.jobId } : {}) };
    });
    authenticated.delete('/user-data', async (request) => {
      eraseDue();
      const jobId = randomUUID();
      erasures.push({
        jobId,
        person: parseInput(userDataQuerySchema, request.query),
        dueAt: now().getTime() + ERASURE_DELAY_MS,
      });
      return { jobId };
    });
  });
};

/** How long the emulated Friendbuy takes to carry out an erasure it accepted. */
export const ERASURE_DELAY_MS = 1_500;

function samePerson(a: Person, b: Person): boolean {
  return (
    (a.customerId !== undefined && a.customerId === b.customerId) ||
    (a.email !== undefined && a.email.toLowerCase() === b.email?.toLowerCase())
  );
}

function maskSecret(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || !('secret' in body)) return body;
  return { ...body, secret: '********' };
}
