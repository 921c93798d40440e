// The observer the composition root gives each HTTP client: every attempt carries the current correlation id
// (`X-Correlation-ID`, which commercetools accepts and echoes, and the same for Friendbuy) and, when tracing is
// on, the trace context; its latency and status go to the metrics.
import { startStopwatch } from '../clock.js';
import type { OutboundCallObserver } from '../domain/outbound-call.js';
import { currentContext } from './call-context.js';
import type { ConnectorMetrics, OutboundService } from './metrics.js';
import type { Tracing } from './tracing.js';

export const CORRELATION_HEADER = 'X-Correlation-ID';

export function observeOutboundCalls(
  service: OutboundService,
  metrics: ConnectorMetrics,
  tracing: Tracing,
): OutboundCallObserver {
  return {
    start(endpoint) {
      const stopwatch = startStopwatch();
      const correlationId = currentContext()?.correlationId;
      const span = tracing.startSpan(`${service} ${endpoint}`, 'client', { 'ctfb.endpoint': endpoint });
      const headers: Record<string, string> = {};
      if (correlationId) headers[CORRELATION_HEADER] = correlationId;
      if (span) headers.traceparent = span.traceparent();
      let ended = false;
      return {
        headers,
        end(status) {
          if (ended) return;
          ended = true;
          metrics.outboundCall(service, endpoint, String(status), stopwatch.elapsedMs() / 1000);
          if (span) {
            if (typeof status === 'number') span.setAttribute('http.response.status_code', status);
            span.end(status === 'error' || status >= 500);
          }
        },
      };
    },
  };
}
