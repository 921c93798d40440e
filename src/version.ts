// The connector's version as /health reports it, read once from package.json.
import { readFileSync } from 'node:fs';
import { PROJECT_ROOT } from './project-root.js';

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('package.json', PROJECT_ROOT), 'utf8')) as { version: string }
).version;
