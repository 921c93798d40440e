// Optional OpenTelemetry tracing (OTEL_EXPORTER_OTLP_ENDPOINT): a span per HTTP request, per job run and per
// outbound call, exported over OTLP/HTTP. Off by default, and then nothing is loaded and every `startSpan` is
// a plain `undefined`. Spans are made by hand at those three places (no auto-instrumentation hooks into
// module loading), and each connector keeps its own provider rather than a process-wide global one.
import type { Span, Tracer } from '@opentelemetry/api';
import { currentContext, type TraceSpan } from './call-context.js';

export type { TraceSpan };

export type SpanKind = 'server' | 'client' | 'consumer';

export interface Tracing {
  /** A span, child of the current context's span (or of `parent`, an incoming `traceparent`); undefined when off. */
  startSpan(
    name: string,
    kind: SpanKind,
    attributes: Record<string, string | number>,
    parent?: string | undefined,
  ): TraceSpan | undefined;
  /** Sends what is buffered and stops. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** OTLP/HTTP base URL, e.g. `http://otel-collector:4318`; unset turns tracing off. */
  endpoint?: string | undefined;
  serviceName: string;
  version: string;
}

export const TRACING_OFF: Tracing = { startSpan: () => undefined, shutdown: async () => undefined };

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** @example const tracing = await createTracing({ endpoint: config.tracing.endpoint, serviceName, version }); */
export async function createTracing(options: TracingOptions): Promise<Tracing> {
  if (!options.endpoint) return TRACING_OFF;
  // Loaded only when tracing is on, so a connector without it pays nothing for the SDK.
  const api = await import('@opentelemetry/api');
  const { BasicTracerProvider, BatchSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  const { resourceFromAttributes } = await import('@opentelemetry/resources');

  const exporter = new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/+$/, '')}/v1/traces` });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': options.serviceName,
      'service.version': options.version,
    }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1_000 })],
  });
  const tracer: Tracer = provider.getTracer('ct-friendbuy', options.version);
  const KINDS = {
    server: api.SpanKind.SERVER,
    client: api.SpanKind.CLIENT,
    consumer: api.SpanKind.CONSUMER,
  } as const;

  function parentContext(parent: string | undefined) {
    const current = currentContext()?.span as OtelTraceSpan | undefined;
    if (current) return api.trace.setSpan(api.ROOT_CONTEXT, current.span);
    const remote = parent ? TRACEPARENT.exec(parent) : null;
    if (!remote) return api.ROOT_CONTEXT;
    const [, traceId = '', spanId = '', flags = '00'] = remote;
    return api.trace.setSpanContext(api.ROOT_CONTEXT, {
      traceId,
      spanId,
      traceFlags: Number.parseInt(flags, 16),
      isRemote: true,
    });
  }

  return {
    startSpan(name, kind, attributes, parent) {
      const span = tracer.startSpan(name, { kind: KINDS[kind], attributes }, parentContext(parent));
      return new OtelTraceSpan(span, api.SpanStatusCode.ERROR);
    },
    async shutdown() {
      await provider.shutdown();
    },
  };
}

class OtelTraceSpan implements TraceSpan {
  constructor(
    readonly span: Span,
    private readonly errorCode: number,
  ) {}
  setAttribute(name: string, value: string | number): void {
    this.span.setAttribute(name, value);
  }
  end(failed = false): void {
    if (failed) this.span.setStatus({ code: this.errorCode });
    this.span.end();
  }
  traceparent(): string {
    const { traceId, spanId, traceFlags } = this.span.spanContext();
    return `00-${traceId}-${spanId}-${traceFlags.toString(16).padStart(2, '0')}`;
  }
}
