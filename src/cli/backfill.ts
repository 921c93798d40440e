// `ct-friendbuy backfill --since 30d [--until D] [--store KEY] [--dry-run] [--report [--report-since D]]`:
// starts a backfill in the running connector (its admin API; the run is a background job there, so it survives
// this command being stopped) and follows it with a progress bar until it is done.
import { parseArgs } from 'node:util';
import type { BackfillProgress } from '../flows/backfill/start-backfill.js';
import { adminApi } from './admin-api.js';
import type { CliContext } from './context.js';
import { createProgress } from './progress.js';

const USAGE =
  'usage: ct-friendbuy backfill --since <date|duration> [--until <date|duration>] [--store KEY] [--dry-run] ' +
  '[--report [--report-since <date|duration>]] [--concurrency N] | ct-friendbuy backfill status [ID]';
const POLL_MS = 500;

export async function backfillCommand(
  context: CliContext,
  args: string[],
  connectorUrl?: string,
): Promise<number> {
  const api = adminApi(context, connectorUrl);
  if (args[0] === 'status') {
    const path = args[1] ? `/admin/api/backfills/${encodeURIComponent(args[1])}` : '/admin/api/backfills';
    process.stdout.write(`${JSON.stringify(await api.call(path), null, 2)}\n`);
    return 0;
  }
  const { values } = parseArgs({
    args,
    options: {
      since: { type: 'string' },
      until: { type: 'string' },
      store: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      report: { type: 'boolean', default: false },
      'report-since': { type: 'string' },
      concurrency: { type: 'string' },
      detach: { type: 'boolean', default: false },
    },
  });
  if (!values.since) throw new Error(USAGE);
  const started = await api.call<BackfillProgress>('/admin/api/backfills', {
    method: 'POST',
    body: JSON.stringify({
      since: values.since,
      until: values.until,
      storeKey: values.store,
      dryRun: values['dry-run'],
      report: values.report,
      reportSince: values['report-since'],
      concurrency: values.concurrency === undefined ? undefined : Number(values.concurrency),
    }),
  });
  process.stdout.write(
    `backfill ${started.id}: ${started.since} → ${started.until}${started.dryRun ? ' (dry run)' : ''}` +
      `${started.reportSince ? `, reporting orders since ${started.reportSince}` : ', history only'}\n`,
  );
  if (values.detach) return 0;
  const progress = await follow(api, started.id);
  const verb = progress.dryRun ? 'would record' : 'recorded';
  process.stdout.write(
    `${progress.status}: ${progress.seen} orders and customers read, ${progress.recorded} ${verb} as new\n`,
  );
  if (progress.error) process.stdout.write(`error: ${progress.error}\n`);
  return progress.status === 'done' ? 0 : 1;
}

async function follow(api: ReturnType<typeof adminApi>, id: string): Promise<BackfillProgress> {
  let bar: ReturnType<typeof createProgress> | undefined;
  let lastError: string | null = null;
  for (;;) {
    const progress = await api.call<BackfillProgress>(`/admin/api/backfills/${encodeURIComponent(id)}`);
    if (progress.total !== null) {
      bar ??= createProgress(progress.total, 'records');
      bar.update(Math.min(progress.seen, progress.total));
    }
    if (progress.lastError && progress.lastError !== lastError) {
      lastError = progress.lastError;
      process.stderr.write(`\nretrying after: ${lastError}\n`);
    }
    if (progress.status !== 'running') {
      bar?.finish();
      return progress;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
