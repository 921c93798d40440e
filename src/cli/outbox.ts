// `ct-friendbuy outbox list|retry`: see pending and dead-lettered effects, and put dead ones back in the queue.
import { parseArgs } from 'node:util';
import { type Job, listJobs, retryDeadJobs } from '../store/outbox.js';
import type { CliContext } from './context.js';

const STATUSES = ['pending', 'done', 'dead'] as const;

export async function outboxCommand(context: CliContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const db = await context.openDb();
  try {
    if (sub === 'list') {
      const { values } = parseArgs({
        args: rest,
        options: { status: { type: 'string' }, kind: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
      });
      const status = values.status as Job['status'] | undefined;
      if (status && !STATUSES.includes(status)) throw new Error(`--status must be one of ${STATUSES.join(', ')}`);
      const jobs = await listJobs(db, { status, kind: values.kind, limit: values.limit ? Number(values.limit) : 50 });
      if (values.json) process.stdout.write(`${JSON.stringify(jobs, null, 2)}\n`);
      else printJobs(jobs);
      return 0;
    }
    if (sub === 'retry') {
      const { values, positionals } = parseArgs({ args: rest, options: { all: { type: 'boolean' } }, allowPositionals: true });
      const ids = positionals.map((id) => Number(id));
      if (ids.some((id) => !Number.isInteger(id))) throw new Error('job ids are whole numbers');
      if (!values.all && ids.length === 0) throw new Error('name the job ids to retry, or pass --all');
      const count = await retryDeadJobs(db, new Date(), values.all ? undefined : ids);
      process.stdout.write(`${count} dead-lettered job(s) put back in the queue\n`);
      return 0;
    }
    throw new Error('usage: ct-friendbuy outbox list [--status pending|done|dead] [--kind K] [--limit N] [--json] | outbox retry (--all | ID...)');
  } finally {
    await db.close();
  }
}

function printJobs(jobs: Job[]): void {
  if (jobs.length === 0) {
    process.stdout.write('no jobs\n');
    return;
  }
  for (const job of jobs) {
    const error = job.lastError ? `  last error: ${job.lastError}` : '';
    process.stdout.write(
      `#${job.id}  ${job.status.padEnd(7)} ${job.kind.padEnd(28)} attempts=${job.attempts}  ${job.dedupKey}${error}\n`,
    );
  }
}
