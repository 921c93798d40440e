// The README's "Try it" commands, run as written (`npx ct-friendbuy …` is `bin/ct-friendbuy.mjs`) against a
// running sandbox connector, so the first thing a newcomer types keeps working.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestConnector, type TestConnector } from '../helpers/connector.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

/** Every `npx ct-friendbuy …` line of the README's "Try it" section, without its trailing comment. */
function tryItCommands(): string[][] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('## Try it'),
    readme.indexOf('\n## ', readme.indexOf('## Try it') + 1),
  );
  return [...section.matchAll(/^npx ct-friendbuy (.*)$/gm)].map((match) =>
    match[1]!
      .replace(/\s+#.*$/, '')
      .trim()
      .split(/\s+/),
  );
}

describe('the README walkthrough', () => {
  let connector: TestConnector;
  let dataDir: string;
  beforeAll(async () => {
    connector = await startTestConnector();
    dataDir = mkdtempSync(join(tmpdir(), 'ctfb-readme-'));
    // As after `npm start`, the embedded store is held by a running process, so commands that would open it go
    // through the connector's admin API instead, and see the connector's own ledger and outbox.
    writeFileSync(join(dataDir, 'ct-friendbuy.pid'), String(process.pid));
  });
  afterAll(async () => {
    await connector?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('has commands to try', () => {
    expect(tryItCommands().length).toBeGreaterThanOrEqual(4);
  });

  it.each(tryItCommands().map((args) => [args.join(' '), args]))(
    '`npx ct-friendbuy %s` succeeds against a running sandbox',
    async (_, args) => {
      const { DATABASE_URL: _store, ...env } = process.env;
      const port = new URL(connector.url).port;
      const result = await run(
        process.execPath,
        [join(root, 'bin', 'ct-friendbuy.mjs'), ...(args as string[])],
        {
          cwd: root,
          env: { ...env, PORT: port, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
          timeout: 60_000,
        },
      ).catch((error: { code?: number; stdout?: string; stderr?: string }) => error);
      expect({ code: 'code' in result ? result.code : 0, stderr: result.stderr }).toMatchObject({ code: 0 });
      // The chains verified are the running connector's, which has recorded the orders placed above.
      if ((args as string[]).join(' ') === 'ledger verify')
        expect(result.stdout).toMatch(/ledger intact: [1-9]\d* event/);
    },
    90_000,
  );
});
