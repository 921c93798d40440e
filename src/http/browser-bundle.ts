// Bundles browser TypeScript from `storefront/` with esbuild into one minified file, once per process: the first
// request builds it, later ones get the cached text. The sources ship with the connector, so no build step is
// needed before `npm start` or a Connect deployment.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// src/http/ and dist/http/ both sit two levels below the repository root.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const cache = new Map<string, Promise<string>>();

export type BundleFormat = 'iife' | 'esm';

/**
 * @example
 * const js = await browserBundle('storefront/ct-friendbuy.ts', 'iife'); // minified, one file
 */
export function browserBundle(entry: string, format: BundleFormat): Promise<string> {
  const key = `${format}:${entry}`;
  let bundle = cache.get(key);
  if (!bundle) {
    bundle = bundleOnce(entry, format);
    // A failed build is not cached: the next request tries again (and logs the error again).
    bundle.catch(() => cache.delete(key));
    cache.set(key, bundle);
  }
  return bundle;
}

async function bundleOnce(entry: string, format: BundleFormat): Promise<string> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    tsconfig: 'storefront/tsconfig.json',
    bundle: true,
    minify: true,
    format,
    platform: 'browser',
    // Storefronts still see older Safari versions; ES2019 keeps the kit parseable there.
    target: ['es2019'],
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for ${entry}`);
  return output.text;
}
