// `ct-friendbuy sandbox shared-device`: three new friends order with the demo advocate's referral code from one
// device, as one person farming their own link would. The fraud check (on by default) approves the first two
// and holds the third for review (repeated accounts); the command prints each verdict, the review-queue filter
// that finds the case (by the signal that held it), and how to decide it.
import { randomUUID } from 'node:crypto';
import { startStopwatch } from '../clock.js';
import { ORDER_FIELDS, ORDER_TYPE_KEY } from '../commercetools/custom-fields.js';
import { hashIdentifier } from '../domain/identity.js';
import { placeDemoOrder } from '../sandbox/demo-order.js';
import { DEMO_ADVOCATE } from '../sandbox/referral-demo.js';
import type { CliContext } from './context.js';

const FRIENDS = 3;
const WAIT_MS = 30_000;

interface TimelineEvent {
  type: string;
  data: {
    stage?: string;
    verdict?: string;
    score?: number;
    fired?: { signal: string; action?: string }[];
  };
}

export async function sandboxSharedDeviceCommand(context: CliContext, connectorUrl: string): Promise<number> {
  if (context.config.mode !== 'sandbox')
    throw new Error('`sandbox shared-device` only runs against a sandbox connector');
  const api = context.commercetools(connectorUrl);
  const run = randomUUID().slice(0, 8);
  const device = hashIdentifier('device', `demo-device-${run}`, context.config.hashKey);
  const admin = { authorization: `Bearer ${context.config.inbound.adminToken}` };
  let last: TimelineEvent | undefined;
  let orderId = '';
  for (let n = 1; n <= FRIENDS; n++) {
    const email = `friend${n}.${run}@example.com`;
    const customer = (
      await api
        .customers()
        .post({ body: { email, password: `demo-${run}` } })
        .execute()
    ).body.customer;
    const order = await placeDemoOrder(api, {
      market: 'us',
      email,
      customerId: customer.id,
      custom: {
        typeKey: ORDER_TYPE_KEY,
        fields: {
          [ORDER_FIELDS.referralCode]: DEMO_ADVOCATE.referralCode,
          [ORDER_FIELDS.deviceHash]: device,
        },
      },
    });
    orderId = order.id;
    process.stdout.write(
      `friend ${n} (${email}) ordered with code ${DEMO_ADVOCATE.referralCode}: ${order.id}\n`,
    );
    const assessed = await waitForAssessment(connectorUrl, order.id, admin);
    if (!assessed) {
      process.stdout.write(
        'no fraud check was recorded: is the fraud check switched off ("fraud": "off") in the campaign file?\n',
      );
      return 1;
    }
    const signals = assessed.data.fired?.map((f) => f.signal).join(', ') || 'none';
    last = assessed;
    process.stdout.write(
      `  fraud check: ${assessed.data.verdict} (score ${assessed.data.score}; signals: ${signals})\n`,
    );
  }
  if (last?.data.verdict !== 'hold') {
    process.stdout.write(`unexpected: the third friend was not held for review (${last?.data.verdict})\n`);
    return 1;
  }
  // The filter names the signal that held the case, newest first, so its first page shows what this run
  // created however many cases the queue holds (a seeded sandbox has hundreds with the same signal).
  const fired = last.data.fired ?? [];
  const signal = (fired.find((f) => f.action === 'hold') ?? fired[0])?.signal;
  const filter = `${connectorUrl}/admin/api/reviews?status=open${signal ? `&signal=${signal}` : ''}&sort=newest`;
  const reviews = (await (await fetch(`${filter}&limit=5`, { headers: admin })).json()) as {
    reviews: { id: number; orderId: string }[];
  };
  const review = reviews.reviews.find((r) => r.orderId === orderId);
  if (!review) {
    process.stdout.write(`unexpected: no open review case for order ${orderId} at ${filter}\n`);
    return 1;
  }
  process.stdout.write(
    `\nreview ${review.id} is open. Find it in the queue, see it, then decide:\n` +
      `  curl -H '${headerText(admin)}' '${filter}'\n` +
      `  curl -H '${headerText(admin)}' ${connectorUrl}/admin/api/reviews/${review.id}\n` +
      `  curl -X POST -H '${headerText(admin)}' -H 'content-type: application/json' \\\n` +
      `    -d '{"operator":"you@shop.example","reason":"checked"}' ${connectorUrl}/admin/api/reviews/${review.id}/approve\n`,
  );
  return 0;
}

async function waitForAssessment(
  connectorUrl: string,
  orderId: string,
  headers: Record<string, string>,
): Promise<TimelineEvent | undefined> {
  const waiting = startStopwatch();
  while (waiting.elapsedMs() < WAIT_MS) {
    const response = await fetch(`${connectorUrl}/admin/api/orders/${orderId}/timeline`, { headers });
    if (response.ok) {
      const { events } = (await response.json()) as { events: TimelineEvent[] };
      const assessed = events.find((e) => e.type === 'fraud.assessed' && e.data.stage === 'order');
      if (assessed) return assessed;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return undefined;
}

function headerText(headers: Record<string, string>): string {
  return `authorization: ${headers.authorization}`;
}
