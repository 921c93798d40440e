// Request logs name route patterns, never the raw path: identifiers in paths can be emails, and the events
// endpoint's token may travel in the query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, SANDBOX_DEFAULTS } from '../../src/config.js';
import { type Connector, startConnector } from '../../src/connector.js';
import { createLogger } from '../../src/logger.js';
import { dropSchema, testStoreOptions } from '../helpers/store.js';

const EMAIL = 'canary.shopper+logs@example.com';

describe('request logs', () => {
  const lines: string[] = [];
  let connector: Connector;
  let schema: string;
  beforeAll(async () => {
    const store = await testStoreOptions();
    schema = store.schema;
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug', OUTBOX_WORKERS: 'false' });
    connector = await startConnector({
      config,
      logger: createLogger('debug', { write: (line: string) => void lines.push(line) }),
      store,
    });
  });
  afterAll(async () => {
    await connector?.close();
    await dropSchema(schema);
  });

  it('never writes an email given in a path or query to a log line', async () => {
    const admin = { authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}` };
    const email = encodeURIComponent(EMAIL);
    const calls: Array<[string, RequestInit?]> = [
      [`/admin/api/advocates/${email}/funnel`, { headers: admin }],
      [`/admin/api/advocates/${EMAIL}/funnel`, { headers: admin }],
      [`/admin/api/customers/${email}/rewards`, { headers: admin }],
      [`/admin/api/orders/${email}/timeline`, { headers: admin }],
      [`/admin/api/rewards/${email}`, { headers: admin }],
      [`/admin/api/advocates/${email}%00/funnel`, { headers: admin }],
      [`/admin/api/advocates/${email}/funnel`], // unauthenticated
      [`/no-such-route/${email}`],
      [`/storefront/config?store=${email}`],
    ];
    for (const [path, init] of calls) {
      const response = await fetch(`${connector.url}${path}`, init);
      await response.arrayBuffer();
    }
    expect(lines.length).toBeGreaterThan(calls.length);
    const leaks = lines.filter(
      (line) => line.includes(EMAIL) || line.includes(email) || line.includes('canary.shopper'),
    );
    expect(leaks).toEqual([]);
    expect(lines.some((line) => line.includes('"route":"/admin/api/advocates/:id/funnel"'))).toBe(true);
  });
});
