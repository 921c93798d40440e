#!/usr/bin/env node
// The `ct-friendbuy` command. In production (NODE_ENV=production) it runs the compiled CLI from dist/
// (`npm run build`); anywhere else the TypeScript sources through tsx, so no build step is needed.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/index.js', import.meta.url);
if (process.env.NODE_ENV === 'production') {
  if (!existsSync(compiled)) {
    process.stderr.write(
      'ct-friendbuy: NODE_ENV=production runs dist/cli/index.js: run `npm run build` first\n',
    );
    process.exit(1);
  }
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/index.ts');
}
