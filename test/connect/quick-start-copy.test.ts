// Outside production, `npm start` and `npx ct-friendbuy` run a compiled copy of src/ (bin/dev-build.mjs) rather
// than the TypeScript through tsx: the copy must be complete (migrations, ES modules), find the repository
// from its own place, and be reused until a source changes.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { devBuild } from '../../bin/dev-build.mjs';

describe('the quick start compiled copy', () => {
  it('holds the compiled sources and their SQL, as ES modules, and is reused while nothing changes', async () => {
    const copy = await devBuild();
    expect(existsSync(new URL('src/main.js', copy))).toBe(true);
    expect(existsSync(new URL('src/main.js.map', copy))).toBe(true);
    expect(existsSync(new URL('src/store/migrations/001_core.sql', copy))).toBe(true);
    expect(existsSync(new URL('src/store/migrate.test.js', copy))).toBe(false);
    expect(JSON.parse(readFileSync(new URL('package.json', copy), 'utf8'))).toEqual({ type: 'module' });
    expect((await devBuild()).href).toBe(copy.href);
  });

  it('finds the repository from its own depth (the version /health reports, the README the sandbox serves)', async () => {
    const copy = await devBuild();
    const { VERSION } = (await import(new URL('src/version.js', copy).href)) as { VERSION: string };
    expect(VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    const { PROJECT_ROOT } = (await import(new URL('src/project-root.js', copy).href)) as {
      PROJECT_ROOT: URL;
    };
    expect(fileURLToPath(PROJECT_ROOT)).toBe(fileURLToPath(new URL('../../', import.meta.url)));
  });

  it('is what the start scripts run, with no TypeScript loader in the process', () => {
    const script = [
      "const { runEntry } = await import('./bin/run-entry.mjs');",
      "await runEntry('version');",
      "const loader = await import('./src/version.ts').then(() => 'tsx', (error) => error.code);",
      'console.log(loader);',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'development' },
      stdio: 'pipe',
    });
    // Under tsx the import would succeed. Without it Node.js 20 and 22 refuse the extension, and Node.js 24, which
    // strips types itself, cannot resolve the sources' `.js` specifiers to their `.ts` files.
    expect(out.trim()).toMatch(/^(ERR_UNKNOWN_FILE_EXTENSION|ERR_MODULE_NOT_FOUND)$/);
  });
});
