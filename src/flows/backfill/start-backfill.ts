// Starting a backfill and reading how it is going: the CLI (`ct-friendbuy backfill`), the admin API and the
// console all come here. A run is a row (its window, its cursors, its counts) and one outbox job that reads the
// window; a crash or a deploy leaves the job in the queue, and it resumes from the cursors.
import { randomUUID } from 'node:crypto';
import { CodedError } from '../../domain/coded-error.js';
import type { Operator } from '../../domain/operators.js';
import { parsePointInTime } from '../../domain/point-in-time.js';
import {
  type BackfillRun,
  backfillJobState,
  createBackfillRun,
  listBackfillRuns,
  readBackfillRun,
} from '../../store/backfill-runs.js';
import { enqueue } from '../../store/outbox.js';
import type { FlowDeps } from '../deps.js';
import { newJob } from '../job.js';
import { JOB } from '../job-kinds.js';
import { recordOperatorAction } from '../operator-audit.js';

export interface BackfillRequest {
  /** A date, a date-time or a duration back from now (`30d`). */
  since: string;
  until?: string | undefined;
  storeKey?: string | undefined;
  dryRun?: boolean | undefined;
  /** Report the orders to Friendbuy (those created since `reportSince`, else all the window's). */
  report?: boolean | undefined;
  reportSince?: string | undefined;
  /** How many slices of the window are read at once (1–16). */
  concurrency?: number | undefined;
}

export interface BackfillProgress {
  id: string;
  status: BackfillRun['status'];
  since: string;
  until: string;
  storeKey: string | null;
  dryRun: boolean;
  reportSince: string | null;
  /** Orders and customers the window holds (known once the run has counted them). */
  total: number | null;
  /** Read so far, and of those, recorded as new (a dry run: would be). */
  seen: number;
  recorded: number;
  percent: number | null;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  /** While the run retries: why its last attempt failed. */
  lastError: string | null;
}

const backfillJobKey = (runId: string) => `backfill:${runId}`;

/** Records the run and queues its job; refuses (BadRequest, naming the field) what cannot be read. */
/** Starts a backfill; with an operator, the start is on their audit trail, committed with the run. */
export async function startBackfill(
  deps: FlowDeps,
  request: BackfillRequest,
  by?: { operator: Operator; correlationId?: string | undefined },
): Promise<BackfillProgress> {
  const now = deps.clock.now();
  const instant = (field: string, text: string) => {
    const at = parsePointInTime(text, now);
    if (!at)
      throw new CodedError('BadRequest', `${field}: "${text}" is not a date, a date-time or a duration (7d)`);
    return at;
  };
  const since = instant('since', request.since);
  const until = request.until ? instant('until', request.until) : now;
  if (since >= until) throw new CodedError('BadRequest', 'since: must be before until');
  if (request.reportSince && !request.report)
    throw new CodedError('BadRequest', 'reportSince: only with report');
  const reportSince = request.report
    ? request.reportSince
      ? instant('reportSince', request.reportSince)
      : since
    : null;
  const slices = request.concurrency ?? 4;
  if (!Number.isInteger(slices) || slices < 1 || slices > 16)
    throw new CodedError('BadRequest', 'concurrency: must be a whole number from 1 to 16');
  const id = randomUUID();
  const run = {
    id,
    since,
    until,
    storeKey: request.storeKey ?? null,
    dryRun: request.dryRun ?? false,
    reportSince,
    slices,
  };
  await deps.db.transaction(async (tx) => {
    await createBackfillRun(tx, run, now);
    await enqueue(
      tx,
      newJob(JOB.backfill, {
        dedupKey: backfillJobKey(id),
        payload: { runId: id },
        correlationId: `backfill-${id}`,
      }),
      now,
    );
    if (by)
      await recordOperatorAction(
        tx,
        by.operator,
        {
          action: 'backfill.started',
          subject: `backfill:${id}`,
          details: {
            since: since.toISOString(),
            until: until.toISOString(),
            dryRun: run.dryRun,
            report: !!reportSince,
          },
          correlationId: by.correlationId,
        },
        now,
      );
  });
  deps.logger.info(
    { runId: id, since, until, storeKey: run.storeKey, report: !!reportSince },
    'backfill started',
  );
  return (await backfillProgress(deps, id))!;
}

export async function backfillProgress(
  deps: Pick<FlowDeps, 'db'>,
  id: string,
): Promise<BackfillProgress | undefined> {
  const run = await readBackfillRun(deps.db, id);
  if (!run) return undefined;
  const job = await backfillJobState(deps.db, backfillJobKey(id));
  // A run whose job gave up retrying (dead-lettered) has failed; `outbox retry` resumes it from its cursors.
  if (run.status === 'running' && job?.status === 'dead')
    return describe({ ...run, status: 'failed', error: job.lastError }, null);
  return describe(run, job?.status === 'pending' ? job.lastError : null);
}

export async function recentBackfills(deps: Pick<FlowDeps, 'db'>): Promise<BackfillProgress[]> {
  return (await listBackfillRuns(deps.db)).map((run) => describe(run, null));
}

function describe(run: BackfillRun, lastError: string | null): BackfillProgress {
  const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);
  return {
    id: run.id,
    status: run.status,
    since: new Date(run.since).toISOString(),
    until: new Date(run.until).toISOString(),
    storeKey: run.storeKey,
    dryRun: run.dryRun,
    reportSince: iso(run.reportSince),
    total: run.total,
    seen: run.seen,
    recorded: run.recorded,
    percent:
      run.status === 'done' ? 100 : run.total ? Math.min(99, Math.floor((run.seen / run.total) * 100)) : null,
    startedAt: new Date(run.startedAt).toISOString(),
    finishedAt: iso(run.finishedAt),
    error: run.error,
    lastError,
  };
}
