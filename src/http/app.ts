// The Fastify app: raw-body JSON parsing (signatures are checked over raw bytes), correlation ids, the one
// error handler, and the routes. Routes stay thin: parse, verify, call a flow, map the result.
import { randomUUID } from 'node:crypto';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyRequest,
  LogController,
} from 'fastify';
import { CodedError } from '../domain/coded-error.js';
import { findUnstorable } from '../domain/storable-text.js';
import { type Logger, redactPersonalText } from '../logger.js';
import { type CallContext, runInContext } from '../observability/call-context.js';
import type { Tracing } from '../observability/tracing.js';
import { isStoreUnavailable } from '../store/db.js';
import { badRequest, HTTP_STATUS } from './errors.js';
import { createLogSampler } from './log-sampler.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
    /** The request's correlation id and span, current in everything its handler calls. */
    callContext?: CallContext;
  }
  interface FastifyContextConfig {
    /** The route reads text it never stores and must answer whatever arrives (the cart API extension). */
    acceptsAnyText?: boolean;
  }
}

const JSON_TYPES = ['application/json', 'application/cloudevents+json'];

export interface HttpAppOptions {
  trustProxy?: boolean | string | undefined;
  /** Socket limits (config `HTTP_*_TIMEOUT_MS`): a client that trickles its request is cut off. */
  timeouts?: { requestMs: number; headersMs: number; keepAliveMs: number } | undefined;
  /** A server span per request when tracing is on (OTEL_EXPORTER_OTLP_ENDPOINT). */
  tracing?: Tracing | undefined;
}

export function createHttpApp(logger: Logger, options: HttpAppOptions = {}): FastifyInstance {
  const timeouts = options.timeouts ?? { requestMs: 30_000, headersMs: 10_000, keepAliveMs: 65_000 };
  const app = Fastify({
    // Node closes a socket whose request (headers and body) is not complete in time, so a client that sends
    // a few bytes and stalls cannot hold a connection; keep-alive outlasts a load balancer's idle timeout.
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    http: {
      headersTimeout: timeouts.headersMs,
      // Node checks those deadlines every 30 s by default, which would let a stalled socket live that long.
      connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs),
    },
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: options.trustProxy ?? false,
    requestIdHeader: 'x-correlation-id',
    genReqId: () => randomUUID(),
    // Fastify's own request logs print the URL with its query, and the event endpoint may carry its token
    // there (`?token=`), so we log requests ourselves, by path only.
    logController: new LogController({ requestIdLogLabel: 'correlationId', disableRequestLogging: true }),
    return503OnClosing: true,
  });

  // The request's correlation id (its `X-Correlation-ID`, or a new one) is the current context of everything it
  // calls, so outbound calls carry it. Entered again before the handler: body parsing runs outside the hook.
  app.addHook('onRequest', (request, reply, done) => {
    const traceparent = request.headers.traceparent;
    const span = options.tracing?.startSpan(
      `${request.method} ${routeOf(request)}`,
      'server',
      { 'http.request.method': request.method, 'http.route': routeOf(request) },
      typeof traceparent === 'string' ? traceparent : undefined,
    );
    request.callContext = { correlationId: request.id, span };
    // Set now rather than in an onSend hook: one hook fewer per request, and errors and 404s carry it too.
    reply.header('x-correlation-id', request.id);
    runInContext(request.callContext, done);
  });
  app.addHook('preHandler', (request, _reply, done) => {
    if (request.callContext) runInContext(request.callContext, done);
    else done();
  });

  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(JSON_TYPES, { parseAs: 'buffer' }, (request, body, done) => {
    const raw = body as Buffer;
    request.rawBody = raw;
    if (raw.length === 0) return done(null, undefined);
    try {
      done(null, JSON.parse(raw.toString('utf8')));
    } catch {
      done(new CodedError('InvalidJson', 'request body is not valid JSON'), undefined);
    }
  });

  // An identifier or body text PostgreSQL cannot hold (a NUL, an unpaired surrogate) is a bad request on every
  // route, refused here with the field named, rather than a database error and a 500 further in.
  // Callback-style hooks (no promise per request): these run on every request, the hot routes included.
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.routeOptions.config.acceptsAnyText) return done();
    const parts: Array<[string, unknown]> = [
      ['params', request.params],
      ['query', request.query],
      ['', Buffer.isBuffer(request.body) ? undefined : request.body],
    ];
    for (const [root, value] of parts) {
      const problem = findUnstorable(value, root);
      if (problem) return done(badRequest(`${problem.field} ${problem.reason}`));
    }
    done();
  });

  app.addHook('onResponse', (request, reply, done) => {
    const span = request.callContext?.span;
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      span.end(reply.statusCode >= 500);
    }
    // The route's pattern (`/admin/api/advocates/:id/funnel`), never the path: ids in paths can be emails.
    const route = routeOf(request);
    // The sandbox's emulators are chatty and not the connector's own traffic; probes ask every few seconds.
    const level = route.startsWith('/sandbox/') || route.startsWith('/health') ? 'debug' : 'info';
    request.log[level](
      { method: request.method, route, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request completed',
    );
    done();
  });

  // A request that fails unexpectedly again and again (a fuzzer, a bug on a public route) must not flood the
  // logs: a few stack traces per route and minute, then a count of what was left out.
  const sampler = createLogSampler({ perWindow: 5, windowMs: 60_000 });

  app.setErrorHandler((error: FastifyError | CodedError, request, reply) => {
    const { statusCode, code, message } = describeError(error, request.routeOptions.bodyLimit);
    if (statusCode === 503 && code === 'StoreUnavailable')
      request.log.warn({ err: error, route: routeOf(request) }, 'store unavailable; answered 503');
    else if (statusCode >= 500) {
      const route = routeOf(request);
      const { log, suppressed } = sampler.take(`${request.method} ${route}`);
      if (log) request.log.error({ err: error, route, suppressed }, 'request failed');
    } else {
      // Refusals often echo what was sent (`no reward <id>`), and an id may be an email or an address.
      const reason = redactPersonalText(
        error instanceof CodedError ? (error.logMessage ?? message) : message,
      );
      request.log.info({ statusCode, code, route: routeOf(request), reason }, 'request rejected');
    }
    void reply.status(statusCode).send({ statusCode, code, message, correlationId: request.id });
  });

  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({
      statusCode: 404,
      code: 'NotFound',
      message: `no route ${request.method} ${request.url.split('?')[0]}`,
    });
  });

  return app;
}

function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? '(no route)';
}

const INTERNAL_ERROR = {
  statusCode: 500,
  code: 'InternalError',
  message: 'internal error; see the logs for this correlation id',
};

/** Every failure in one response shape: a coded error by the table in errors.ts, the framework's own by kind. */
function describeError(
  error: FastifyError | CodedError,
  bodyLimit = BODY_LIMIT_BYTES,
): {
  statusCode: number;
  code: string;
  message: string;
} {
  if (error instanceof CodedError) {
    const statusCode = HTTP_STATUS[error.code];
    if (statusCode === 500) return INTERNAL_ERROR;
    return { statusCode, code: error.shownCode ?? error.code, message: error.message };
  }
  if (isStoreUnavailable(error))
    return { statusCode: 503, code: 'StoreUnavailable', message: 'the store is unavailable; retry later' };
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return { statusCode: 413, code: 'PayloadTooLarge', message: `body exceeds ${bodyLimit} bytes` };
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return { statusCode: 415, code: 'UnsupportedMediaType', message: error.message };
  if (error.validation) return { statusCode: 400, code: 'BadRequest', message: error.message };
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return { statusCode: error.statusCode, code: error.code ?? 'BadRequest', message: error.message };
  return INTERNAL_ERROR;
}
