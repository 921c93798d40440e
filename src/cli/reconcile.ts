// `ct-friendbuy reconcile --since 2d [--until D] [--store KEY] [--no-repair] [--json]` compares commercetools,
// the connector's records and Friendbuy over the window through the running connector, repairs what is safe and
// prints every difference with its cause; `ct-friendbuy reconcile findings [--open] [--cause C]` lists those kept.
import { parseArgs } from 'node:util';
import type { ReconciliationReport } from '../flows/reconciliation/reconcile.js';
import type { Finding } from '../store/reconciliation.js';
import { adminApi } from './admin-api.js';
import type { CliContext } from './context.js';

const USAGE =
  'usage: ct-friendbuy reconcile --since <date|duration> [--until D] [--store KEY] [--no-repair] [--json] | ' +
  'ct-friendbuy reconcile findings [--open] [--cause C] [--json]';

export async function reconcileCommand(
  context: CliContext,
  args: string[],
  connectorUrl?: string,
): Promise<number> {
  const api = adminApi(context, connectorUrl);
  const listing = args[0] === 'findings';
  const { values } = parseArgs({
    args: listing ? args.slice(1) : args,
    options: {
      since: { type: 'string' },
      until: { type: 'string' },
      store: { type: 'string' },
      'no-repair': { type: 'boolean', default: false },
      open: { type: 'boolean', default: false },
      cause: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (listing) {
    const query = new URLSearchParams({
      ...(values.open ? { open: 'true' } : {}),
      ...(values.cause ? { cause: values.cause } : {}),
    });
    const { findings } = await api.call<{ findings: Finding[] }>(
      `/admin/api/reconciliation/findings?${query}`,
    );
    process.stdout.write(values.json ? `${JSON.stringify(findings, null, 2)}\n` : printFindings(findings));
    return 0;
  }
  if (!values.since) throw new Error(USAGE);
  const report = await api.call<ReconciliationReport>('/admin/api/reconciliations', {
    method: 'POST',
    body: JSON.stringify({
      since: values.since,
      until: values.until,
      storeKey: values.store,
      repair: !values['no-repair'],
    }),
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    process.stdout.write(`reconciled ${report.since} → ${report.until}\n`);
    for (const day of report.days)
      process.stdout.write(
        `${day.day} ${day.storeKey ?? '-'}: ${day.commercetoolsOrders} orders in commercetools, ` +
          `${day.recorded} recorded, ${day.reported} reported, ${day.findings} differences\n`,
      );
    process.stdout.write(printFindings(report.findings));
  }
  // Exit 2 when something is left for a person, so a scheduler can alert on it.
  return report.findings.some((finding) => !finding.repairedAt) ? 2 : 0;
}

function printFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'no differences\n';
  return findings
    .map(
      (finding) =>
        `${finding.day} ${finding.cause.padEnd(22)} ${finding.subject}` +
        `${finding.repair ? `  repaired: ${finding.repair}` : '  (left for review)'}\n`,
    )
    .join('');
}
