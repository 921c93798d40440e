// The job that reads a backfill's window: orders and customers created in it, each resource in `slices` slices
// of creation time read at once, every slice page by page on its own (lastModifiedAt, id) cursor. A page is
// recorded in the inbox (its processing jobs queued in the same statement) together with the slice's cursor,
// so an interrupted run resumes at the first page it had not recorded, and records nothing twice.
import type { Customer, Order } from '@commercetools/platform-sdk';
import { countModified, readModifiedPage } from '../../commercetools/modified-pages.js';
import {
  advanceBackfillRun,
  type BackfillResource,
  type BackfillRun,
  finishBackfillRun,
  readBackfillRun,
  recordedInboxKeys,
  type SliceKey,
  setBackfillTotal,
} from '../../store/backfill-runs.js';
import { type InboundRecord, recordInboundBatch } from '../../store/inbox.js';
import type { FlowDeps } from '../deps.js';
import { defineJob, type HandlerOf, PermanentJobError } from '../job.js';
import { JOB } from '../job-kinds.js';
import { customerCreatedRecord, orderCreatedRecord } from './backfill-messages.js';

const RESOURCES: readonly BackfillResource[] = ['orders', 'customers'];
/** commercetools' largest page. */
const PAGE_SIZE = 500;

export function createBackfillRunner(
  deps: FlowDeps,
  options: { pageSize?: number } = {},
): HandlerOf<typeof JOB.backfill> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  return async ({ runId }, { logger }) => {
    const run = await readBackfillRun(deps.db, runId);
    if (!run) throw new PermanentJobError(`backfill run ${runId} not found`);
    if (run.status !== 'running') return;
    if (run.total === null) {
      const window = { since: run.since, until: run.until, storeKey: run.storeKey ?? undefined };
      const counts = await Promise.all(
        RESOURCES.map((resource) => countModified(deps.commercetools, { ...window, resource })),
      );
      await setBackfillTotal(deps.db, runId, counts[0]! + counts[1]!, deps.clock.now());
    }
    const slices = RESOURCES.flatMap((resource) =>
      Array.from({ length: run.slices }, (_, index) => ({ resource, index })),
    );
    await Promise.all(slices.map((slice) => readSlice(deps, run, slice, pageSize)));
    await finishBackfillRun(deps.db, runId, { status: 'done' }, deps.clock.now());
    const done = await readBackfillRun(deps.db, runId);
    logger.info(
      { runId, seen: done?.seen, recorded: done?.recorded, dryRun: run.dryRun },
      'backfill finished',
    );
  };
}

async function readSlice(
  deps: FlowDeps,
  run: BackfillRun,
  slice: { resource: BackfillResource; index: number },
  pageSize: number,
): Promise<void> {
  const key: SliceKey = `${slice.resource}/${slice.index}`;
  const span = (new Date(run.until).getTime() - new Date(run.since).getTime()) / run.slices;
  const since = new Date(new Date(run.since).getTime() + Math.floor(span * slice.index));
  const until =
    slice.index === run.slices - 1
      ? new Date(run.until)
      : new Date(new Date(run.since).getTime() + Math.floor(span * (slice.index + 1)));
  let cursor = run.cursors[key] ?? {};
  while (!cursor.done) {
    const after =
      cursor.lastModifiedAt && cursor.id
        ? { lastModifiedAt: cursor.lastModifiedAt, id: cursor.id }
        : undefined;
    const page = await readModifiedPage<Order | Customer>(deps.commercetools, {
      resource: slice.resource,
      since,
      until,
      storeKey: run.storeKey ?? undefined,
      after,
      limit: pageSize,
    });
    const last = page.at(-1);
    const next = last
      ? { lastModifiedAt: last.lastModifiedAt, id: last.id, done: page.length < pageSize }
      : { ...cursor, done: true };
    const now = deps.clock.now();
    const records = page.map((resource) => recordOf(run, slice.resource, resource, now));
    if (run.dryRun) {
      const known = await recordedInboxKeys(
        deps.db,
        'commercetools',
        records.map((record) => record.message.dedupKey),
      );
      await advanceBackfillRun(
        deps.db,
        run.id,
        { slice: key, cursor: next, seen: page.length, recorded: records.length - known.size },
        now,
      );
    } else {
      await deps.db.transaction(async (tx) => {
        const results = await recordInboundBatch(tx, records);
        const recorded = results.filter((result) => result.recorded).length;
        await advanceBackfillRun(tx, run.id, { slice: key, cursor: next, seen: page.length, recorded }, now);
      });
    }
    cursor = next;
  }
}

function recordOf(
  run: BackfillRun,
  resource: BackfillResource,
  value: Order | Customer,
  now: Date,
): InboundRecord {
  if (resource === 'customers')
    return customerCreatedRecord(value as Customer, { runId: run.id, report: false }, now);
  const order = value as Order;
  const report = run.reportSince !== null && new Date(order.createdAt) >= new Date(run.reportSince);
  return orderCreatedRecord(order, { runId: run.id, report }, now);
}

export const backfillJob = defineJob({ kind: JOB.backfill, handler: createBackfillRunner });
