// The contract of a background job, which flows declare and the worker (src/jobs/) runs: a kind (its stored
// name and the zod schema of its payload), a handler built from the flows' dependencies, and for recurring work
// its schedule. It sits with the flows so that they never import the worker.
import { z } from 'zod';
import type { Logger } from '../logger.js';
import type { Job, JobInput } from '../store/outbox.js';
import type { FlowDeps } from './deps.js';

/** A job kind: the name stored in the outbox and the schema every payload of that kind must pass. */
export interface JobKind<Name extends string = string, Payload extends z.ZodType = z.ZodType> {
  readonly name: Name;
  readonly payload: Payload;
}

/** What a payload of `kind` must look like when enqueued. */
export type PayloadOf<Kind extends JobKind> = z.input<Kind['payload']>;

/** @example const reportPurchase = jobKind('friendbuy.purchase', z.object({ orderId: z.string() })); */
export function jobKind<const Name extends string, Payload extends z.ZodType<Record<string, unknown>>>(
  name: Name,
  payload: Payload,
): JobKind<Name, Payload> {
  return { name, payload };
}

/**
 * A job of `kind` ready to enqueue; its payload is checked against the kind's schema by the compiler.
 * @example await enqueue(tx, newJob(JOB.reportPurchase, { dedupKey: `purchase:${id}`, payload: { orderId: id } }), now)
 */
export function newJob<Kind extends JobKind>(
  kind: Kind,
  job: Omit<JobInput, 'kind' | 'payload'> & { payload: PayloadOf<Kind> },
): JobInput {
  return { ...job, kind: kind.name, payload: job.payload as Record<string, unknown> };
}

export interface JobContext {
  job: Job;
  logger: Logger;
}

/** Thrown by a handler when retrying cannot help (e.g. Friendbuy rejected the payload as invalid). */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/**
 * Returned by a handler whose work cannot be done yet (another effect must come first, evidence is not in):
 * the job runs again later, on the outbox's retry schedule, and is dead-lettered like a failure once it is
 * older than the retry window. `name` and `reason` are what the job's last error shows.
 */
export class NotYet {
  constructor(
    readonly name: string,
    readonly reason: string,
  ) {}
}

export type JobHandler<Payload> = (
  payload: Payload,
  context: JobContext,
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler that finishes its work returns nothing
) => Promise<NotYet | void>;

/** The handler of a job of `kind`, taking its payload as the schema parsed it. */
export type HandlerOf<Kind extends JobKind> = JobHandler<z.output<Kind['payload']>>;

/** A declared job with its payload type erased: what the registry lists and the worker runs. */
export interface DeclaredJob {
  readonly kind: JobKind;
  readonly schedule?: JobSchedule | undefined;
  /** Its handler over the flows' dependencies, taking the payload as stored: parsed here, before the flow runs. */
  handler(deps: FlowDeps): JobHandler<unknown>;
}

/** When recurring work runs: every `everyMs` in the connector, and on `cron` as a Connect job application. */
export interface JobSchedule {
  /** The in-process interval; 0 or less turns the recurring job off (e.g. its setting is 0). */
  everyMs(config: FlowDeps['config']): number;
  /** A cron expression for a scheduler outside the process (commercetools Connect `job` applications). */
  cron: string;
}

/**
 * Declares a job once, next to its flow. A stored payload that does not pass the kind's schema can never run,
 * so it is a PermanentJobError (dead-lettered at once) naming what the schema refused.
 * @example export const reportPurchaseJob = defineJob({ kind: JOB.reportPurchase, handler: createPurchaseReporter })
 */
export function defineJob<Kind extends JobKind>(definition: {
  kind: Kind;
  handler(deps: FlowDeps): JobHandler<z.output<Kind['payload']>>;
  schedule?: JobSchedule | undefined;
}): DeclaredJob {
  const { kind } = definition;
  return {
    kind,
    schedule: definition.schedule,
    handler(deps) {
      const handle = definition.handler(deps);
      return async (payload, context) => {
        const parsed = kind.payload.safeParse(payload);
        if (!parsed.success)
          throw new PermanentJobError(`payload of ${kind.name} refused: ${z.prettifyError(parsed.error)}`);
        return handle(parsed.data as z.output<Kind['payload']>, context);
      };
    },
  };
}
