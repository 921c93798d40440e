// `ct-friendbuy privacy erase|export --email E | --customer-id ID`: through the running connector's admin API,
// which holds the store and the Friendbuy client (the same path the console takes).
import { parseArgs } from 'node:util';
import { adminApi } from './admin-api.js';
import type { CliContext } from './context.js';

const USAGE = 'usage: ct-friendbuy privacy erase|export (--email EMAIL | --customer-id ID)';

export async function privacyCommand(
  context: CliContext,
  args: string[],
  connectorUrl?: string,
): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: 'string' }, 'customer-id': { type: 'string' } },
  });
  const person = { email: values.email, customerId: values['customer-id'] };
  if ((sub !== 'erase' && sub !== 'export') || (!person.email && !person.customerId)) throw new Error(USAGE);
  const path = sub === 'erase' ? '/admin/api/privacy/erasures' : '/admin/api/privacy/exports';
  const answer = await adminApi(context, connectorUrl).call<unknown>(path, {
    method: 'POST',
    body: JSON.stringify(person),
  });
  process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
  return 0;
}
