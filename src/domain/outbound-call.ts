// How the HTTP clients (src/commercetools, src/friendbuy) report each call they make without knowing about
// metrics, tracing or where a correlation id comes from: the composition root hands them an observer.

/** One attempt of an outbound HTTP call, from its start to its answer. */
export interface OutboundCall {
  /** Headers to send with it: the correlation id, and the trace context when tracing is on. */
  headers: Record<string, string>;
  /** Called once: the HTTP status, or `error` when no answer came (timeout, network). */
  end(status: number | 'error'): void;
}

export interface OutboundCallObserver {
  /** `endpoint` is a template such as `POST /v1/event/purchase` or `GET /orders/{id}`: never an id or a query. */
  start(endpoint: string): OutboundCall;
}
