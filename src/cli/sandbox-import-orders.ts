// `ct-friendbuy sandbox import-orders [--count N] [--market us|eu]`: orders in the sandbox's commercetools that
// the connector never hears of (order import sends no OrderCreated), for trying backfill and reconciliation.
import { parseArgs } from 'node:util';
import { importSandboxOrders } from '../sandbox/import-orders.js';
import type { CliContext } from './context.js';

export async function sandboxImportOrdersCommand(
  context: CliContext,
  args: string[],
  connectorUrl: string,
): Promise<number> {
  if (context.config.mode !== 'sandbox')
    throw new Error('`sandbox import-orders` only runs against a sandbox connector');
  const { values } = parseArgs({
    args,
    options: { count: { type: 'string', default: '10' }, market: { type: 'string', default: 'us' } },
  });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > 100_000)
    throw new Error('--count must be a whole number from 1 to 100000');
  if (values.market !== 'us' && values.market !== 'eu') throw new Error('--market must be us or eu');
  const orders = await importSandboxOrders(context.commercetools(connectorUrl), {
    count,
    market: values.market,
  });
  process.stdout.write(
    `${orders.length} orders imported into store ${values.market} without a message ` +
      `(${orders[0]?.orderNumber} … ${orders.at(-1)?.orderNumber})\n`,
  );
  return 0;
}
