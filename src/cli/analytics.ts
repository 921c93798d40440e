// `ct-friendbuy analytics pull`: pulls Friendbuy's analytics (shares, clicks, sign-ups, purchases) into the
// advocate funnels now, through the running connector's admin API, instead of waiting for the timer.
import { adminApi } from './admin-api.js';
import type { CliContext } from './context.js';

export async function analyticsCommand(
  context: CliContext,
  args: string[],
  connectorUrl?: string,
): Promise<number> {
  if (args[0] !== 'pull' || args.length > 1) throw new Error('usage: ct-friendbuy analytics pull');
  const { recorded } = await adminApi(context, connectorUrl).call<{
    recorded: Record<string, number | null>;
  }>('/admin/api/analytics/pull', { method: 'POST', body: '{}' });
  const failed = Object.entries(recorded).filter(([, count]) => count === null);
  for (const [kind, count] of Object.entries(recorded)) {
    process.stdout.write(`${kind}: ${count === null ? 'failed (see the connector log)' : `${count} new`}\n`);
  }
  return failed.length > 0 ? 1 : 0;
}
