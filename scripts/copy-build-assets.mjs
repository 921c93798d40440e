// Part of `npm run build`: tsc compiles src/ to dist/ but copies nothing else, so the files the code reads
// beside itself (the store's SQL migrations) are copied to the same place under dist/.
import { cpSync, readdirSync } from 'node:fs';

const src = new URL('../src/', import.meta.url);
const dist = new URL('../dist/', import.meta.url);
for (const path of readdirSync(src, { recursive: true })) {
  if (String(path).endsWith('.sql')) cpSync(new URL(String(path), src), new URL(String(path), dist));
}
