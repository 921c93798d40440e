// The repository's root (package.json, README.md, docs/, console/, storefront/), found from this module's place:
// the sources (src/), the production build (dist/) and the quick start's compiled copy (under
// node_modules/.cache/, bin/dev-build.mjs) sit at different depths below it.
import { existsSync, readFileSync } from 'node:fs';

const NAME = 'ct-friendbuy';

export const PROJECT_ROOT: URL = findRoot(new URL('./', import.meta.url));

function findRoot(start: URL): URL {
  for (let dir = start; ; dir = new URL('../', dir)) {
    const manifest = new URL('package.json', dir);
    if (existsSync(manifest) && isOurs(manifest)) return dir;
    if (new URL('../', dir).href === dir.href)
      throw new Error(`no package.json named ${NAME} above ${start.pathname}`);
  }
}

function isOurs(manifest: URL): boolean {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === NAME;
  } catch {
    return false;
  }
}
