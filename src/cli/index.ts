// The `ct-friendbuy` command line. An entry point like src/main.ts: it reads the environment, then hands
// plain values to the commands.
import { ConfigError, loadConfigFromEnvironment } from '../config.js';
import { analyticsCommand } from './analytics.js';
import { backfillCommand } from './backfill.js';
import { codesCommand } from './codes.js';
import { createCliContext } from './context.js';
import { jobsCommand } from './jobs.js';
import { ledgerCommand } from './ledger.js';
import { operatorsCommand } from './operators.js';
import { outboxCommand } from './outbox.js';
import { privacyCommand } from './privacy.js';
import { reconcileCommand } from './reconcile.js';
import { sandboxImportOrdersCommand } from './sandbox-import-orders.js';
import { sandboxOrderCommand } from './sandbox-order.js';
import { sandboxSeedReferralsCommand } from './sandbox-seed-referrals.js';
import { sandboxSelfReferralCommand } from './sandbox-self-referral.js';
import { sandboxSharedDeviceCommand } from './sandbox-shared-device.js';
import { setupCommand, teardownCommand } from './setup.js';

const HELP = `ct-friendbuy — commercetools ⇄ Friendbuy connector

Commands:
  setup                         install or extend the connector's custom types; under Connect, register the
                                subscription on its topic; register the cart API extension when
                                CONNECTOR_PUBLIC_URL (or Connect's CONNECT_SERVICE_URL) is set (Connect's postDeploy)
  outbox list [--status S] [--kind K] [--limit N] [--json]
                                show queued effects (S: pending, done, dead)
  outbox retry (--all | ID...)  put dead-lettered effects back in the queue
  ledger verify [--stream S]    check the ledger's hash chains (through the connector while it holds the store)
  analytics pull                pull Friendbuy's shares, clicks, sign-ups and purchases into the funnels now
  privacy erase (--email E | --customer-id ID)
                                erase a person here and in Friendbuy (what commercetools' CustomerDeleted does)
  privacy export (--email E | --customer-id ID)
                                everything the connector and Friendbuy hold about a person, as JSON
  backfill --since D [--until D] [--store KEY] [--dry-run] [--report [--report-since D]] [--concurrency N]
                                read commercetools orders and customers created since D (a date or 30d) that
                                the connector never received; --report sends those since --report-since (default
                                D) to Friendbuy, the rest are history; progress bar; resumable (docs/reconciliation.md)
  backfill status [ID]          the recent backfills, or one, with their progress
  reconcile --since D [--until D] [--store KEY] [--no-repair] [--json]
                                compare commercetools, the connector and Friendbuy per day and store; repair
                                what is safe, print each difference with its cause (exit 2 when some are left)
  reconcile findings [--open] [--cause C] [--json]
                                the differences kept from every reconciliation
  jobs list                     the connector's background job kinds, and the schedules of the recurring ones
  jobs run KIND                 run a recurring job once against the configured store and clients, then exit
                                (what a commercetools Connect job application runs; exit 1 when it failed)
  codes generate --campaign ID --count N [--out FILE] [--concurrency 8] [--channel friendIncentive|advocateReward]
                                create single-use codes for a Friendbuy code bank (CSV: lowercase, no header);
                                --resume BATCH_ID continues an interrupted batch
  codes check [--campaign ID] [--channel C] [--json]
                                list Friendbuy codes that would not apply in commercetools, with the reason
  codes stock [--campaign ID] [--below N] [--json]
                                unused vs used code-bank codes per campaign and channel (exit 2 when below N)
  sandbox order [--market us|eu] [--email E] [--sku SKU...]
                                place a demo order in a running sandbox and show what Friendbuy received
  sandbox import-orders [--count N] [--market us|eu]
                                import orders into the sandbox's commercetools without any message to the connector
  sandbox seed-referrals [--count 10000]
                                fill a running sandbox's store with referred orders, rewards, funnel steps and
                                review cases over the last 90 days, for the console at volume
  sandbox self-referral         the demo advocate tries their own code on a cart; show the cart extension's answer
  sandbox shared-device         three friends order from one device; the fraud check holds the third for review
                                and the command prints the review-queue filter that finds the case
  operators hash-password       read a password (hidden prompt, or standard input) and print its scrypt hash for
                                the console's local operators file (CONSOLE_OPERATORS_FILE)
  operators add --email E --name N --role R [--file F]
                                add a console operator to the operators file (R: viewer, agent, reviewer, admin;
                                F defaults to CONSOLE_OPERATORS_FILE); reads the password like hash-password
  teardown                      remove the subscription and the cart API extension setup registered, never the
                                custom types (Connect's preUndeploy); refused on a running sandbox

Options:
  --url URL   the running connector (default http://127.0.0.1:$PORT); used in sandbox mode and when the
              embedded store is held by the connector

Configuration comes from the same environment variables as the connector (docs/configuration.md).`;

async function run(argv: string[]): Promise<number> {
  const urlIndex = argv.indexOf('--url');
  const connectorUrl = urlIndex >= 0 ? argv[urlIndex + 1] : undefined;
  const args = urlIndex >= 0 ? [...argv.slice(0, urlIndex), ...argv.slice(urlIndex + 2)] : argv;
  const [command, ...rest] = args;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  // A command prints its result on stdout; its logs go to stderr, warnings only unless LOG_LEVEL says otherwise.
  const config = loadConfigFromEnvironment({ LOG_LEVEL: 'warn' });
  const context = createCliContext(config);
  const url = (connectorUrl ?? `http://127.0.0.1:${config.port}`).replace(/\/+$/, '');
  switch (command) {
    case 'setup':
      return setupCommand(context, url);
    case 'outbox':
      return outboxCommand(context, rest, url);
    case 'ledger':
      return ledgerCommand(context, rest, url);
    case 'analytics':
      return analyticsCommand(context, rest, url);
    case 'backfill':
      return backfillCommand(context, rest, url);
    case 'reconcile':
      return reconcileCommand(context, rest, url);
    case 'jobs':
      return jobsCommand(context, rest, url);
    case 'codes':
      return codesCommand(context, rest, url);
    case 'privacy':
      return privacyCommand(context, rest, url);
    case 'teardown':
      return teardownCommand(context, url);
    case 'operators':
      return operatorsCommand(rest, config.console.operatorsFile);
    case 'sandbox':
      if (rest[0] === 'self-referral') return sandboxSelfReferralCommand(context, url);
      if (rest[0] === 'shared-device') return sandboxSharedDeviceCommand(context, url);
      if (rest[0] === 'import-orders') return sandboxImportOrdersCommand(context, rest.slice(1), url);
      if (rest[0] === 'seed-referrals') return sandboxSeedReferralsCommand(context, rest.slice(1), url);
      if (rest[0] !== 'order')
        throw new Error('usage: ct-friendbuy sandbox order [--market us|eu] [--email E]');
      return sandboxOrderCommand(context, rest.slice(1), url);
    default:
      throw new Error(`unknown command "${command}"; run ct-friendbuy --help`);
  }
}

run(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`ct-friendbuy: ${message}\n`);
    process.exit(error instanceof ConfigError ? 78 : 1);
  });
