// `ct-friendbuy outbox list|retry`: see pending and dead-lettered effects, and put dead ones back in the queue.
// Reads the store directly, or asks the running connector's admin API when it holds the embedded store.
import { parseArgs } from 'node:util';
import { systemClock } from '../clock.js';
import { StoreLockedError } from '../store/data-dir-lock.js';
import { type Job, listJobs, retryDeadJobs } from '../store/outbox.js';
import { adminApi } from './admin-api.js';
import type { CliContext } from './context.js';

const STATUSES = ['pending', 'done', 'dead'] as const;
const USAGE =
  'usage: ct-friendbuy outbox list [--status pending|done|dead] [--kind K] [--limit N] [--json] | outbox retry (--all | ID...)';

interface OutboxAccess {
  list(filter: {
    status?: Job['status'] | undefined;
    kind?: string | undefined;
    limit: number;
  }): Promise<Job[]>;
  retry(ids: number[] | undefined): Promise<number>;
  close(): Promise<void>;
}

export async function outboxCommand(
  context: CliContext,
  args: string[],
  connectorUrl?: string,
): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'list' && sub !== 'retry') throw new Error(USAGE);
  const access = await openAccess(context, connectorUrl);
  try {
    if (sub === 'list') {
      const { values } = parseArgs({
        args: rest,
        options: {
          status: { type: 'string' },
          kind: { type: 'string' },
          limit: { type: 'string' },
          json: { type: 'boolean' },
        },
      });
      const status = values.status as Job['status'] | undefined;
      if (status && !STATUSES.includes(status))
        throw new Error(`--status must be one of ${STATUSES.join(', ')}`);
      const jobs = await access.list({
        status,
        kind: values.kind,
        limit: values.limit ? Number(values.limit) : 50,
      });
      process.stdout.write(values.json ? `${JSON.stringify(jobs, null, 2)}\n` : formatJobs(jobs));
      return 0;
    }
    const { values, positionals } = parseArgs({
      args: rest,
      options: { all: { type: 'boolean' } },
      allowPositionals: true,
    });
    const ids = positionals.map(Number);
    if (ids.some((id) => !Number.isInteger(id) || id <= 0))
      throw new Error('job ids are positive whole numbers');
    if (!values.all && ids.length === 0) throw new Error('name the job ids to retry, or pass --all');
    const count = await access.retry(values.all ? undefined : ids);
    process.stdout.write(`${count} dead-lettered job(s) put back in the queue\n`);
    return 0;
  } finally {
    await access.close();
  }
}

async function openAccess(context: CliContext, connectorUrl: string | undefined): Promise<OutboxAccess> {
  try {
    const db = await context.openDb();
    return {
      list: (filter) => listJobs(db, filter),
      retry: (ids) => retryDeadJobs(db, systemClock.now(), ids),
      close: () => db.close(),
    };
  } catch (error) {
    if (!(error instanceof StoreLockedError)) throw error;
    return adminApiAccess(context, connectorUrl);
  }
}

function adminApiAccess(context: CliContext, connectorUrl: string | undefined): OutboxAccess {
  const { call } = adminApi(context, connectorUrl);
  return {
    async list(filter) {
      const query = new URLSearchParams({ limit: String(filter.limit) });
      if (filter.status) query.set('status', filter.status);
      if (filter.kind) query.set('kind', filter.kind);
      return (await call<{ jobs: Job[] }>(`/admin/api/outbox?${query}`)).jobs;
    },
    async retry(ids) {
      const body = JSON.stringify(ids ? { ids } : { all: true });
      return (await call<{ retried: number }>('/admin/api/outbox/retry', { method: 'POST', body })).retried;
    },
    close: async () => undefined,
  };
}

function formatJobs(jobs: Job[]): string {
  if (jobs.length === 0) return 'no jobs\n';
  return jobs
    .map((job) => {
      const error = job.lastError ? `  last error: ${job.lastError}` : '';
      return `#${job.id}  ${job.status.padEnd(7)} ${job.kind.padEnd(28)} attempts=${job.attempts}  ${job.dedupKey}${error}\n`;
    })
    .join('');
}
