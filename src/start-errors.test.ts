import { describe, expect, it } from 'vitest';
import { describeStartError } from './start-errors.js';
import { StoreLockedError } from './store/data-dir-lock.js';
import { EmbeddedServerError } from './store/embedded.js';

const coded = (code: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(code), { code, ...extra });
const embedded = { port: 8080, host: '0.0.0.0', database: { dataDir: './.data' } };
const server = {
  ...embedded,
  database: { url: 'postgres://shop:pw-1234@db.internal:6543/shop', dataDir: '' },
};

describe('start errors an operator can fix', () => {
  it('names the setting and what to do, never the database password', () => {
    expect(describeStartError(coded('EADDRINUSE'), embedded)).toMatch(/port 8080 .*\(PORT\).*PORT=8081/);
    expect(describeStartError(coded('EACCES', { syscall: 'listen' }), embedded)).toMatch(/\(PORT\)/);
    expect(describeStartError(coded('EACCES'), embedded)).toMatch(/\.\/\.data .*DATA_DIR/);
    expect(describeStartError(coded('3D000'), server)).toMatch(
      /db\.internal:6543\/shop \(DATABASE_URL\): .*create it/,
    );
    expect(describeStartError(coded('28P01'), server)).toMatch(/password/);
    const unreachable = describeStartError(coded('ECONNREFUSED'), server);
    expect(unreachable).toMatch(/cannot reach PostgreSQL .*DATABASE_URL/);
    for (const text of [unreachable, describeStartError(coded('3D000'), server)])
      expect(text).not.toContain('pw-1234');
    expect(describeStartError(new StoreLockedError('./.data', 42), embedded)).toMatch(/process 42/);
    const notInstalled = new EmbeddedServerError('the embedded PostgreSQL for linux-x64 is not installed');
    expect(describeStartError(notInstalled, embedded)).toBe(notInstalled.message);
  });

  it('leaves anything else to the stack trace: it is a bug', () => {
    expect(describeStartError(new TypeError('x is undefined'), server)).toBeUndefined();
    expect(describeStartError(coded('ECONNREFUSED'), embedded)).toBeUndefined();
    expect(describeStartError(undefined, embedded)).toBeUndefined();
  });
});
