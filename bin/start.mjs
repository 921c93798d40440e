#!/usr/bin/env node
// `npm start`. In production (NODE_ENV=production: the container, a server) it runs the compiled connector from
// dist/ (`npm run build`), so nothing compiles at start. Anywhere else it runs the TypeScript sources through
// tsx, so the sandbox quick start stays `npm ci && npm start` with no build step.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/main.js', import.meta.url);
if (process.env.NODE_ENV === 'production') {
  if (!existsSync(compiled)) {
    process.stderr.write('ct-friendbuy: NODE_ENV=production runs dist/main.js: run `npm run build` first\n');
    process.exit(1);
  }
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
