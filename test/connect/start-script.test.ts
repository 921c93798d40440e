// `npm start` (bin/start.mjs) and `npx ct-friendbuy` (bin/ct-friendbuy.mjs) run the compiled dist/ in production;
// without a build they say what to run instead of falling back to compiling TypeScript at start.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

describe('the start scripts in production', () => {
  const unbuilt = mkdtempSync(join(tmpdir(), 'ct-friendbuy-unbuilt-'));
  cpSync('bin', join(unbuilt, 'bin'), { recursive: true });
  afterAll(() => rmSync(unbuilt, { recursive: true, force: true }));

  it.each([
    ['bin/start.mjs', 'dist/main.js'],
    ['bin/ct-friendbuy.mjs', 'dist/cli/index.js'],
  ])('%s refuses without %s, naming `npm run build`', (script, compiled) => {
    let failure: { status?: number; stderr?: string } = {};
    try {
      execFileSync(process.execPath, [join(unbuilt, script)], {
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: 'pipe',
        encoding: 'utf8',
      });
    } catch (error) {
      failure = error as typeof failure;
    }
    expect(failure.status).toBe(1);
    expect(failure.stderr).toContain(`NODE_ENV=production runs ${compiled}: run \`npm run build\` first`);
  });
});
