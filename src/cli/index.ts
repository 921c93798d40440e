// The `ct-friendbuy` command line. An entry point like src/main.ts: it reads the environment, then hands
// plain values to the commands.
import { ConfigError, loadConfig } from '../config.js';
import { createCliContext } from './context.js';
import { ledgerCommand } from './ledger.js';
import { outboxCommand } from './outbox.js';
import { sandboxOrderCommand } from './sandbox-order.js';
import { setupCommand } from './setup.js';

const HELP = `ct-friendbuy — commercetools ⇄ Friendbuy connector

Commands:
  setup                         install or extend the connector's custom types (and, under Connect, the subscription)
  outbox list [--status S] [--kind K] [--limit N] [--json]
                                show queued effects (S: pending, done, dead)
  outbox retry (--all | ID...)  put dead-lettered effects back in the queue
  ledger verify [--stream S]    check the ledger's hash chains
  sandbox order [--market us|eu] [--email E] [--sku SKU...]
                                place a demo order in a running sandbox and show what Friendbuy received

Options:
  --url URL   the running connector (default http://127.0.0.1:$PORT); used in sandbox mode and when the
              embedded store is held by the connector

Configuration comes from the same environment variables as the connector (see README).`;

async function run(argv: string[]): Promise<number> {
  const urlIndex = argv.indexOf('--url');
  const connectorUrl = urlIndex >= 0 ? argv[urlIndex + 1] : undefined;
  const args = urlIndex >= 0 ? [...argv.slice(0, urlIndex), ...argv.slice(urlIndex + 2)] : argv;
  const [command, ...rest] = args;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const config = loadConfig(process.env);
  const context = createCliContext(config);
  const url = (connectorUrl ?? `http://127.0.0.1:${config.port}`).replace(/\/+$/, '');
  switch (command) {
    case 'setup': {
      const topic = process.env.CONNECT_GCP_TOPIC_NAME;
      const projectId = process.env.CONNECT_GCP_PROJECT_ID;
      return setupCommand(context, {
        connectorUrl: url,
        gcp: topic && projectId ? { topic, projectId } : undefined,
      });
    }
    case 'outbox':
      return outboxCommand(context, rest, url);
    case 'ledger':
      return ledgerCommand(context, rest);
    case 'sandbox':
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
