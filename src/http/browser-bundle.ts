// Bundles browser TypeScript with esbuild, once per process: the first request (or the connector's start, for
// the console) builds it, later ones get the cached text. The sources ship with the connector, so no build step
// is needed before `npm start` or a Connect deployment.
// Two kinds: the storefront kit (plain TypeScript, storefront/, one file) and the operator console (React,
// console/, an entry module plus chunks its screens load when first opened).
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { PROJECT_ROOT } from '../project-root.js';

const ROOT = fileURLToPath(PROJECT_ROOT);
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

/** A browser app as ES modules: the entry's file name and every file by name (content-hashed names). */
export interface BrowserApp {
  entry: string;
  /** The chunks the entry imports up front, for the page to fetch alongside it (`modulepreload`). */
  preload: string[];
  files: ReadonlyMap<string, string>;
}

/**
 * Bundles a React app (JSX per its folder's tsconfig.json) into an entry module and shared chunks, split at
 * its dynamic `import()`s, minified, with React's production build. The caller caches the result.
 * @example
 * const app = await browserApp('console/index.tsx'); // app.files.get(app.entry) starts it
 */
export async function browserApp(entry: string): Promise<BrowserApp> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    // JSX and its runtime come from the app's own tsconfig.json (react-jsx with Emotion's runtime).
    tsconfig: `${entry.split('/')[0]}/tsconfig.json`,
    plugins: [uiKitIconsArePure()],
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: 'app-assets',
    entryNames: 'app-[hash]',
    chunkNames: 'chunk-[hash]',
    // Fully minified for the browser, esbuild also takes React's and the UI Kit's production branches (it
    // defines NODE_ENV as "production"): no development warnings, a third of the size.
    minify: true,
    platform: 'browser',
    // Operators use current browsers; the console is not shown to shoppers.
    target: ['es2020'],
    write: false,
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const files = new Map(result.outputFiles.map((file) => [basename(file.path), file.text]));
  const [entryPath, entryOutput] =
    Object.entries(result.metafile.outputs).find(([path]) => basename(path).startsWith('app-')) ?? [];
  if (!entryPath || !entryOutput) throw new Error(`esbuild produced no entry module for ${entry}`);
  const preload = entryOutput.imports
    .filter((imported) => imported.kind === 'import-statement')
    .map((imported) => basename(imported.path));
  return { entry: basename(entryPath), preload, files };
}

/**
 * The UI Kit's icons package declares `sideEffects: false`, but each icon sits in a folder with its own
 * package.json that does not, so esbuild keeps all ~200 icons (200 kB) when a component imports three.
 * Each icon module only defines a component, so marking them pure lets the unused ones drop out.
 */
function uiKitIconsArePure(): Plugin {
  return {
    name: 'uikit-icons-are-pure',
    setup(bundler) {
      bundler.onResolve({ filter: /icons-generated-\w+\.esm\.js$/ }, async (args) => {
        if (args.pluginData === 'resolved') return undefined;
        const resolved = await bundler.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: 'resolved',
        });
        return { ...resolved, sideEffects: false };
      });
    },
  };
}
