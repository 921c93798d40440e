// `ct-friendbuy codes generate|check|stock`: code banks for Friendbuy (a header-less lowercase CSV), the codes
// that would not apply in commercetools and why, and the code banks' low-stock report.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startStopwatch } from '../clock.js';
import {
  BANK_CHANNELS,
  type BankChannel,
  CODE_CHANNELS,
  type CodeChannel,
} from '../domain/code-ownership.js';
import type { CodeCheckReport, StockReport } from '../flows/check-codes.js';
import { type CodeAccess, openCodeAccess } from './code-access.js';
import type { CliContext } from './context.js';
import { createProgress } from './progress.js';

export const CODES_USAGE = `usage:
  ct-friendbuy codes generate --campaign ID --count N [--out FILE.csv] [--concurrency 8]
                              [--channel friendIncentive|advocateReward]
  ct-friendbuy codes generate --resume BATCH_ID [--out FILE.csv]
  ct-friendbuy codes check [--campaign ID] [--channel C] [--json]
  ct-friendbuy codes stock [--campaign ID] [--below N] [--json]`;

/** Exit status when `check` finds codes that would not apply, or `stock --below` finds a low bank. */
export const EXIT_ATTENTION = 2;
/** Exit status of an interrupted generation (128 + SIGINT), as shells report Ctrl-C. */
export const EXIT_INTERRUPTED = 130;

export async function codesCommand(
  context: CliContext,
  args: string[],
  connectorUrl: string,
): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'generate' && sub !== 'check' && sub !== 'stock') throw new Error(CODES_USAGE);
  const access = await openCodeAccess(context, connectorUrl);
  try {
    if (sub === 'generate') return await generate(access, rest);
    if (sub === 'check') return await check(access, rest);
    return await stock(access, rest);
  } finally {
    await access.close();
  }
}

async function generate(access: CodeAccess, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      campaign: { type: 'string' },
      count: { type: 'string' },
      out: { type: 'string' },
      concurrency: { type: 'string', default: '8' },
      channel: { type: 'string', default: 'friendIncentive' },
      resume: { type: 'string' },
    },
  });
  if (!BANK_CHANNELS.includes(values.channel as BankChannel))
    throw new Error(`--channel must be one of ${BANK_CHANNELS.join(', ')}`);
  if (!values.resume && (!values.campaign || !values.count)) throw new Error(CODES_USAGE);
  const batch = values.resume
    ? await access.resumeBatch(values.resume)
    : await access.startBatch({
        campaignId: values.campaign ?? '',
        count: wholeNumber('--count', values.count),
        channel: values.channel as BankChannel,
        concurrency: wholeNumber('--concurrency', values.concurrency),
      });
  const where = access.where === 'connector' ? ' (in the connector)' : '';
  process.stderr.write(
    `code batch ${batch.id}: ${batch.requested} ${batch.channel} codes for campaign ${batch.campaignId}${where}\n`,
  );

  const progress = createProgress(batch.requested, 'codes');
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  const run = startStopwatch();
  let outcome: Awaited<ReturnType<CodeAccess['runBatch']>>;
  try {
    outcome = await access.runBatch(batch.id, {
      signal: controller.signal,
      onProgress: ({ created }) => progress.update(created),
    });
  } finally {
    process.off('SIGINT', interrupt);
    progress.finish();
  }
  const out = values.out ? ` --out ${values.out}` : '';
  if (outcome !== 'completed') {
    const done = await access.getBatch(batch.id);
    const state =
      access.where === 'connector'
        ? 'the connector goes on generating it; follow it (and write the CSV) with'
        : 'resume with';
    process.stderr.write(
      `interrupted: ${done.created} of ${done.requested} codes created; ${state}\n` +
        `  ct-friendbuy codes generate --resume ${batch.id}${out}\n`,
    );
    return EXIT_INTERRUPTED;
  }
  const csv = await access.batchCsv(batch.id);
  const lines = csv === '' ? 0 : csv.split('\n').length - 1;
  const seconds = run.elapsedMs() / 1000;
  if (values.out) await writeFile(values.out, csv);
  else process.stdout.write(csv);
  process.stderr.write(
    `${lines} codes${values.out ? ` written to ${values.out}` : ''} in ${seconds.toFixed(1)} s ` +
      '(lowercase, no header: upload to the Friendbuy code bank as is)\n',
  );
  return 0;
}

async function check(access: CodeAccess, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { campaign: { type: 'string' }, channel: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (values.channel && !CODE_CHANNELS.includes(values.channel as CodeChannel))
    throw new Error(`--channel must be one of ${CODE_CHANNELS.join(', ')}`);
  const report = await access.check({ campaignId: values.campaign, channel: values.channel as CodeChannel });
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatCheck(report));
  return report.findings.length > 0 ? EXIT_ATTENTION : 0;
}

async function stock(access: CodeAccess, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { campaign: { type: 'string' }, below: { type: 'string' }, json: { type: 'boolean' } },
  });
  const below = values.below === undefined ? undefined : wholeNumber('--below', values.below, 0);
  const report = await access.stock({ campaignId: values.campaign, below });
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatStock(report));
  return report.low ? EXIT_ATTENTION : 0;
}

function wholeNumber(name: string, raw: string | undefined, min = 1): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}`);
  return value;
}

function formatCheck(report: CodeCheckReport): string {
  const head = `${report.checked} code(s) checked, ${report.findings.length} would not apply\n`;
  return (
    head +
    report.findings
      .map((finding) => {
        const owner = [finding.channel, finding.campaignId, finding.rewardId && `reward ${finding.rewardId}`]
          .filter(Boolean)
          .join(', ');
        const reasons = finding.problems.map((p) => `    ${p.reason}: ${p.detail}\n`).join('');
        return `  ${finding.code} (${owner})\n${reasons}`;
      })
      .join('')
  );
}

function formatStock(report: StockReport): string {
  if (report.rows.length === 0) return 'no code-bank codes yet (ct-friendbuy codes generate)\n';
  const rows = [
    ['campaign', 'channel', 'unused', 'used', 'deactivated', ''],
    ...report.rows.map((row) => [
      row.campaignId,
      row.channel,
      String(row.unused),
      String(row.used),
      String(row.deactivated),
      row.low ? 'LOW' : '',
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
  return rows
    .map(
      (row) =>
        `${row
          .map((cell, i) => cell.padEnd(widths[i] ?? 0))
          .join('  ')
          .trimEnd()}\n`,
    )
    .join('');
}
