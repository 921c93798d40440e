// A graceful stop (a deploy, a scale-in) lets the jobs in flight finish against live dependencies: none of them
// fails because the connector's own server, which in sandbox mode also serves the emulators, closed under it.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startConnector } from '../../src/connector.js';
import { createLogger } from '../../src/logger.js';
import { sandboxApiClient } from '../../src/sandbox/api-client.js';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import { eventually } from '../helpers/connector.js';
import { dropSchema, testStoreOptions } from '../helpers/store.js';

describe('a connector asked to stop while its workers are busy', () => {
  it('lets the jobs in flight finish before closing the server, and closes promptly', async () => {
    const lines: Array<{ msg?: string; level?: number }> = [];
    const logger = createLogger('warn', {
      write: (line: string) => {
        lines.push(JSON.parse(line));
      },
    });
    const store = await testStoreOptions();
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', OUTBOX_POLL_MS: '50' });
    const connector = await startConnector({ config, logger, store });
    try {
      const api = sandboxApiClient(connector.sandbox!.urls, 'storefront');
      const order = await placeDemoOrder(api, { email: `stop-${randomUUID()}@example.com` });
      await eventually(async () => {
        const running = await connector.db.query(
          `SELECT 1 FROM outbox WHERE payload::text LIKE $1 OR status = 'done'`,
          [`%${order.id}%`],
        );
        return (running.rowCount ?? 0) > 0;
      });
      const started = Date.now();
      await connector.close();
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(lines.filter((line) => /job failed|dead-lettered/.test(line.msg ?? ''))).toEqual([]);
    } finally {
      await connector.close();
      await dropSchema(store.schema);
    }
  });
});
