// The context of the work in progress (an HTTP request, a job run): its correlation id and, when tracing is on,
// its span. Kept in AsyncLocalStorage so that every outbound call made for it, however deep, carries the id
// without threading it through each function.
import { AsyncLocalStorage } from 'node:async_hooks';

/** A span of the optional tracing (tracing.ts), as the context carries it. */
export interface TraceSpan {
  setAttribute(name: string, value: string | number): void;
  /** Ends it; `failed` marks it as an error. */
  end(failed?: boolean): void;
  /** The W3C `traceparent` header that makes the receiver's spans children of this one. */
  traceparent(): string;
}

export interface CallContext {
  correlationId: string;
  span?: TraceSpan | undefined;
}

const storage = new AsyncLocalStorage<CallContext>();

/** Runs `work` with `context` as the current one (nested runs see the innermost). */
export function runInContext<T>(context: CallContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentContext(): CallContext | undefined {
  return storage.getStore();
}
