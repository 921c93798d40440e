// The order-field projection against the sandbox: jobs that project the purchase report status may run in any
// order (a hold's projection and its release's are separate jobs), and the order must end on the settled one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_FIELDS } from '../../src/commercetools/custom-fields.js';
import { getOrder } from '../../src/commercetools/order-access.js';
import type { FlowDeps } from '../../src/flows/deps.js';
import { JOB } from '../../src/flows/job-kinds.js';
import { createOrderFieldsProjector } from '../../src/flows/project-order-fields.js';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import { appendEvent } from '../../src/store/ledger.js';
import { startTestConnector, type TestConnector } from '../helpers/connector.js';
import { flowDepsOf, jobContext } from '../helpers/flow-deps.js';

describe('order field projection', () => {
  let connector: TestConnector;
  let deps: FlowDeps;
  beforeAll(async () => {
    connector = await startTestConnector({ OUTBOX_WORKERS: 'false' });
    deps = await flowDepsOf(connector);
  });
  afterAll(async () => {
    await connector?.close();
  });

  const context = () => jobContext(connector, JOB.projectOrderFields.name, 'order-fields-test');
  const status = async (orderId: string) =>
    (await getOrder(connector.api, orderId))?.custom?.fields?.[ORDER_FIELDS.purchaseReportStatus];

  it.each(['purchase.withheld', 'purchase.reported'])(
    'does not put "held" back once the hold was settled (%s), whichever job runs last',
    async (settled) => {
      const order = await placeDemoOrder(connector.api, { email: 'held.then.settled@example.com' });
      const project = createOrderFieldsProjector(deps);
      const field = (value: string) => ({
        orderId: order.id,
        fields: { [ORDER_FIELDS.purchaseReportStatus]: value },
      });
      const now = connector.clock.now();
      await appendEvent(
        connector.db,
        {
          stream: `order:${order.id}`,
          type: settled,
          data: {},
          dedupKey: `${settled}:${order.id}`,
          occurredAt: now,
        },
        now,
      );
      const final = settled === 'purchase.reported' ? 'reported' : 'skipped';
      await project(field(final), context());
      await project(field('held'), context());
      expect(await status(order.id)).toBe(final);
    },
  );

  it('projects "held" while the purchase is still held', async () => {
    const order = await placeDemoOrder(connector.api, { email: 'still.held@example.com' });
    await createOrderFieldsProjector(deps)(
      { orderId: order.id, fields: { [ORDER_FIELDS.purchaseReportStatus]: 'held' } },
      context(),
    );
    expect(await status(order.id)).toBe('held');
  });
});
