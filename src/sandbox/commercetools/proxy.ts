// Serves the emulated commercetools API over HTTP: every request under the plugin's prefix is handed to the
// mock's Fastify app in-process. The SDK therefore talks real HTTP to `http://host:port/sandbox/commercetools`
// with the same code as in live mode (auth at `/oauth/token`), on the emulators' port or the connector's.
import type { Cart, Order } from '@commercetools/platform-sdk';
import type { CommercetoolsMock } from '@labdigital/commercetools-mock';
import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from '../../logger.js';
import { createCartExtensions, matchCartWrite } from './cart-extensions.js';
import type { MessageBridge } from './message-bridge.js';
import { storedMessageResponse } from './messages-api.js';
import { withCartCustomLineItems } from './order-from-cart.js';
import { type PagedResult, sortClausesOf, sortedPage, wholeResultUrl } from './sorted-queries.js';
import { registerTokenIntrospection } from './token-introspection.js';
import { isCartOrOrderPath, withCurrencyDigits } from './total-price-digits.js';
import { matchWrite, messagesForWrite } from './write-messages.js';

// commercetools accepts request bodies up to 16 MB; the connector's own limit is smaller.
const BODY_LIMIT_BYTES = 16 * 1024 * 1024;
const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'accept-encoding',
]);

type InjectMethod = 'GET' | 'POST' | 'DELETE';
type Headers = Record<string, string | string[] | undefined>;

export interface ProxyOptions {
  mock: CommercetoolsMock;
  projectKey: string;
  bridge: MessageBridge;
  logger?: Logger | undefined;
}

export function createProxyPlugin(options: ProxyOptions): FastifyPluginAsync {
  const { mock, projectKey, bridge, logger } = options;
  const serializeWrites = createSerializer();
  const cartExtensions = createCartExtensions({ mock, projectKey, logger });

  async function inject(method: InjectMethod, url: string, headers: Headers, payload?: Buffer) {
    return mock.app.inject({ method, url, headers, ...(payload && payload.length > 0 ? { payload } : {}) });
  }

  /** Runs a write and publishes the messages it implies; the read-before and the write must not interleave. */
  function write(method: InjectMethod, url: string, headers: Headers, payload: Buffer | undefined) {
    return serializeWrites(async () => {
      // Cart writes run the project's registered cart API extensions, as commercetools does (cart-extensions.ts).
      const cartWrite = matchCartWrite(method, url, projectKey);
      if (cartWrite) return cartExtensions.run(cartWrite, () => inject(method, url, headers, payload));
      const observed = matchWrite(method, url, projectKey);
      const before =
        observed?.kind === 'order-update' || observed?.kind === 'payment-update'
          ? parseJson((await inject('GET', observed.resourcePath, headers)).rawPayload)
          : undefined;
      let response = await inject(method, url, headers, payload);
      if (observed && response.statusCode >= 200 && response.statusCode < 300) {
        try {
          const request = parseJson(payload);
          let written = withCurrencyDigits(parseJson(response.rawPayload));
          if (observed.kind === 'order-create') {
            const readCart = async (id: string) =>
              parseJson((await inject('GET', `/${projectKey}/carts/${id}`, headers)).rawPayload) as Cart;
            const order = written as Order;
            written = await withCartCustomLineItems(mock, projectKey, order, readCart);
            if (written !== order)
              response = { ...response, rawPayload: Buffer.from(JSON.stringify(written)) };
          }
          bridge.publish(messagesForWrite(observed, { request, before, response: written }));
        } catch (error) {
          logger?.error({ err: error, url }, 'sandbox could not derive commercetools messages from a write');
        }
      }
      return response;
    });
  }

  /** A read; a sorted query is sorted here, since the mock ignores `sort` on most resources (sorted-queries.ts). */
  async function read(url: string, headers: Headers) {
    if (sortClausesOf(url).length === 0) return inject('GET', url, headers);
    const response = await inject('GET', wholeResultUrl(url), headers);
    const whole = parseJson(response.rawPayload) as PagedResult | undefined;
    if (response.statusCode !== 200) return response; // refused as the query itself would be
    // Not a query (a single resource read with a stray `sort`): asked again as it was.
    if (!Array.isArray(whole?.results)) return inject('GET', url, headers);
    return { ...response, rawPayload: Buffer.from(JSON.stringify(sortedPage(url, whole))) };
  }

  /** Whether the project keeps messages (its `messages.enabled`, set with changeMessagesConfiguration). */
  async function messagesEnabled(): Promise<boolean> {
    const project = parseJson((await inject('GET', `/${projectKey}`, {})).rawPayload) as
      | { messages?: { enabled?: boolean } }
      | undefined;
    return project?.messages?.enabled === true;
  }

  return async (app) => {
    // Bodies pass through untouched, whatever parsers the host app has (this context only).
    app.removeAllContentTypeParsers();
    app.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES },
      (_request, body, done) => done(null, body),
    );
    const prefix = app.prefix;
    registerTokenIntrospection(app, mock); // the mock has no /oauth/introspect; the storefront routes need it

    app.route({
      method: ['GET', 'HEAD', 'POST', 'DELETE'],
      url: '/*',
      bodyLimit: BODY_LIMIT_BYTES,
      handler: async (request, reply) => {
        const url = request.url.slice(prefix.length) || '/';
        const headers = forwardedHeaders(request.headers);
        const payload = Buffer.isBuffer(request.body) ? request.body : undefined;
        const method = request.method as InjectMethod | 'HEAD';

        if (method === 'HEAD') {
          // As commercetools (and the mock's msw handler): 200 when something matches, else 404, no body.
          const response = await inject('GET', url, headers);
          return reply.code(headExists(response.statusCode, response.rawPayload) ? 200 : 404).send();
        }
        if (method === 'GET') {
          const stored = await storedMessageResponse(url, { projectKey, bridge, messagesEnabled });
          if (stored) return reply.code(stored.statusCode).send(stored.body);
        }
        const answered =
          method === 'GET' ? await read(url, headers) : await write(method, url, headers, payload);
        const response = isCartOrOrderPath(url, projectKey) ? withCorrectedTotals(answered) : answered;
        return reply
          .code(response.statusCode)
          .headers(forwardedHeaders(response.headers as Headers))
          .send(response.rawPayload);
      },
    });
  };
}

/** The answer with its carts' and orders' totals in their currency's digits (total-price-digits.ts). */
function withCorrectedTotals<R extends { statusCode: number; rawPayload: Buffer }>(response: R): R {
  if (response.statusCode < 200 || response.statusCode >= 300) return response;
  const body = parseJson(response.rawPayload);
  if (body === undefined) return response;
  return { ...response, rawPayload: Buffer.from(JSON.stringify(withCurrencyDigits(body))) };
}

function forwardedHeaders(headers: Headers): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) result[name] = value;
  }
  return result;
}

function headExists(statusCode: number, body: Buffer): boolean {
  if (statusCode !== 200) return false;
  const parsed = parseJson(body) as { count?: number } | undefined;
  return typeof parsed?.count === 'number' ? parsed.count > 0 : parsed !== undefined;
}

function parseJson(raw: Buffer | undefined): unknown {
  if (!raw || raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Runs tasks one after another, in call order. */
function createSerializer() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
