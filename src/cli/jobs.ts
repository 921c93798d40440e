// `ct-friendbuy jobs list` shows the declared job kinds and the schedules of the recurring ones;
// `ct-friendbuy jobs run <kind>` runs a recurring job once against the configured store and clients, then exits
// (0 done, 1 failed or not yet): what a commercetools Connect job application runs on its cron.
import { systemClock } from '../clock.js';
import type { FlowDeps } from '../flows/deps.js';
import { resolveCustomTypes } from '../flows/setup.js';
import { DECLARED_JOBS } from '../jobs/registry.js';
import { runRecurringJobOnce } from '../jobs/run-once.js';
import type { CliContext } from './context.js';

const USAGE = 'usage: ct-friendbuy jobs list | ct-friendbuy jobs run <kind>';

export async function jobsCommand(
  context: CliContext,
  args: string[],
  connectorUrl?: string,
): Promise<number> {
  const [action, kind, ...more] = args;
  if (action === 'list' && kind === undefined) return listJobs(context);
  if (action !== 'run' || !kind || more.length > 0) throw new Error(USAGE);
  const db = await context.openDb();
  try {
    const { config } = context;
    const commercetools = context.commercetools(connectorUrl);
    const deps: FlowDeps = {
      db,
      clock: systemClock,
      logger: context.logger,
      config,
      campaigns: context.campaigns(),
      commercetools,
      friendbuy: context.friendbuy(connectorUrl),
      customTypes: await resolveCustomTypes({ db, commercetools, config }),
      metrics: context.metrics,
    };
    const run = await runRecurringJobOnce(deps, kind);
    if (run.outcome === 'notYet') {
      process.stdout.write(`${kind}: not yet (${run.reason})\n`);
      return 1;
    }
    process.stdout.write(`${kind}: done\n`);
    return 0;
  } finally {
    await db.close();
  }
}

function listJobs(context: CliContext): number {
  for (const job of DECLARED_JOBS) {
    const schedule = job.schedule;
    const every = schedule ? schedule.everyMs(context.config) : 0;
    const when = schedule
      ? `every ${every > 0 ? `${every / 60_000} min` : '(off)'}, cron "${schedule.cron}"`
      : 'when queued';
    process.stdout.write(`${job.kind.name.padEnd(40)} ${when}\n`);
  }
  return 0;
}
