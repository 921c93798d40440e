// `npm run connect:generate`: writes connect.yaml and the Connect application folders (scripts/connect-files.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { connectFiles } from './connect-files.js';

const root = new URL('../', import.meta.url);
for (const { path, content } of connectFiles()) {
  mkdirSync(new URL(path.split('/').slice(0, -1).join('/') || '.', root), { recursive: true });
  writeFileSync(new URL(path, root), content);
  process.stdout.write(`wrote ${path}\n`);
}
