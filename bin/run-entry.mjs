// Runs one entry point of the connector: in production (NODE_ENV=production: the container, a server) the compiled
// JavaScript in dist/ (`npm run build`), so nothing compiles at start; anywhere else the TypeScript sources
// through tsx, so the sandbox quick start (`npm ci && npm start`) needs no build step.
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
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    await import(new URL(`../src/${entry}.ts`, import.meta.url).href);
  }
}
