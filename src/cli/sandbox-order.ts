// `ct-friendbuy sandbox order`: places a demo order in a running sandbox connector and waits until the emulated
// Friendbuy has received its purchase, printing what Friendbuy got. The README's first walk-through.
import { parseArgs } from 'node:util';
import { startStopwatch } from '../clock.js';
import { placeDemoOrder } from '../sandbox/demo-order.js';
import type { CliContext } from './context.js';

export async function sandboxOrderCommand(
  context: CliContext,
  args: string[],
  connectorUrl: string,
): Promise<number> {
  if (context.config.mode !== 'sandbox')
    throw new Error('`sandbox order` only runs against a sandbox connector');
  const { values } = parseArgs({
    args,
    options: {
      market: { type: 'string', default: 'us' },
      email: { type: 'string', default: 'friend@example.com' },
      sku: { type: 'string', multiple: true },
      timeout: { type: 'string', default: '30' },
    },
  });
  if (values.market !== 'us' && values.market !== 'eu') throw new Error('--market must be us or eu');
  const order = await placeDemoOrder(context.commercetools(connectorUrl), {
    market: values.market,
    email: values.email,
    ...(values.sku ? { items: values.sku.map((sku) => ({ sku, quantity: 1 })) } : {}),
  });
  const friendbuyOrderId = order.orderNumber ?? order.id;
  process.stdout.write(`order ${order.id} (number ${friendbuyOrderId}) placed in store ${values.market}\n`);
  const waiting = startStopwatch();
  while (waiting.elapsedMs() < Number(values.timeout) * 1000) {
    const response = await fetch(`${connectorUrl}/sandbox/friendbuy/requests?path=/v1/event/purchase`);
    const { requests } = (await response.json()) as {
      requests: { body: { orderId?: string }; status: number }[];
    };
    const received = requests.find(
      (request) => request.body?.orderId === friendbuyOrderId && request.status < 300,
    );
    if (received) {
      process.stdout.write(`Friendbuy received the purchase:\n${JSON.stringify(received.body, null, 2)}\n`);
      return 0;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  process.stdout.write(
    `Friendbuy has not received order ${friendbuyOrderId} yet; see \`ct-friendbuy outbox list\`\n`,
  );
  return 1;
}
