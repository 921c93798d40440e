// Runs one entry point of the connector: in production (NODE_ENV=production: the container, a server) the compiled
// JavaScript in dist/ (`npm run build`), so nothing compiles at start; anywhere else a copy esbuild transpiles
// from the TypeScript sources when they change (dev-build.mjs), so the sandbox quick start (`npm ci && npm start`)
// needs no build step and runs as lean as production. Should that copy be impossible to write (a read-only
// node_modules), the sources run through tsx instead.
import { existsSync } from 'node:fs';

/** `entry` is the module's path under src/ and dist/ without its extension, e.g. `main` or `cli/index`. */
export async function runEntry(entry) {
  if (process.env.NODE_ENV === 'production') {
    const compiled = new URL(`../dist/${entry}.js`, import.meta.url);
    if (!existsSync(compiled)) {
      process.stderr.write(
        `ct-friendbuy: NODE_ENV=production runs dist/${entry}.js: run \`npm run build\` first\n`,
      );
      process.exit(1);
    }
    await import(compiled.href);
    return;
  }
  const copy = await compiledCopy();
  if (copy) {
    // Stack traces name the TypeScript files and lines, as they would under tsx.
    process.setSourceMapsEnabled(true);
    await import(new URL(`src/${entry}.js`, copy).href);
    return;
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL(`../src/${entry}.ts`, import.meta.url).href);
}

async function compiledCopy() {
  const { devBuild } = await import('./dev-build.mjs');
  try {
    return await devBuild();
  } catch (error) {
    if (!['EACCES', 'EROFS', 'EPERM'].includes(error?.code)) throw error;
    process.stderr.write(
      `ct-friendbuy: cannot write the compiled copy under node_modules/.cache (${error.code}); running the TypeScript sources through tsx\n`,
    );
    return undefined;
  }
}
