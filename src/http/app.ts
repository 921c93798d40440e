// The Fastify app: raw-body JSON parsing (signatures are checked over raw bytes), correlation ids, the one
// error handler, and the routes. Routes stay thin: parse, verify, call a flow, map the result.
import { randomUUID } from 'node:crypto';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  LogController,
} from 'fastify';
import type { Logger } from '../logger.js';
import { HttpError } from './errors.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
  }
}

const JSON_TYPES = ['application/json', 'application/cloudevents+json'];

export function createHttpApp(
  logger: Logger,
  options: { trustProxy?: boolean | string } = {},
): FastifyInstance {
  const app = Fastify({
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

  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(JSON_TYPES, { parseAs: 'buffer' }, (request, body, done) => {
    const raw = body as Buffer;
    request.rawBody = raw;
    if (raw.length === 0) return done(null, undefined);
    try {
      done(null, JSON.parse(raw.toString('utf8')));
    } catch {
      done(new HttpError(400, 'InvalidJson', 'request body is not valid JSON'), undefined);
    }
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-correlation-id', request.id);
  });

  app.addHook('onResponse', async (request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    // The sandbox's emulators are chatty and not the connector's own traffic.
    const level = path.startsWith('/sandbox/') || path === '/health' ? 'debug' : 'info';
    request.log[level](
      { method: request.method, path, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request completed',
    );
  });

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    const { statusCode, code, message } = describeError(error, request.routeOptions.bodyLimit);
    if (statusCode >= 500) request.log.error({ err: error }, 'request failed');
    else {
      const reason = error instanceof HttpError ? (error.logMessage ?? message) : message;
      request.log.info({ statusCode, code, reason }, 'request rejected');
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

function describeError(
  error: FastifyError | HttpError,
  bodyLimit = BODY_LIMIT_BYTES,
): {
  statusCode: number;
  code: string;
  message: string;
} {
  if (error instanceof HttpError)
    return { statusCode: error.statusCode, code: error.code, message: error.message };
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return { statusCode: 413, code: 'PayloadTooLarge', message: `body exceeds ${bodyLimit} bytes` };
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return { statusCode: 415, code: 'UnsupportedMediaType', message: error.message };
  if (error.validation) return { statusCode: 400, code: 'BadRequest', message: error.message };
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return { statusCode: error.statusCode, code: error.code ?? 'BadRequest', message: error.message };
  return {
    statusCode: 500,
    code: 'InternalError',
    message: 'internal error; see the logs for this correlation id',
  };
}
