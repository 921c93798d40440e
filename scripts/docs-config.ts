// `npm run docs:config`: writes the configuration reference into docs/configuration.md and the campaigns file's
// JSON Schema to docs/campaigns.schema.json, from the code that defines them (src/config/reference.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { generatedDocs } from '../src/config/reference.js';

const root = new URL('../', import.meta.url);
for (const { path, content } of generatedDocs(readFileSync(new URL('docs/configuration.md', root), 'utf8'))) {
  writeFileSync(new URL(path, root), content);
  process.stdout.write(`wrote ${path}\n`);
}
