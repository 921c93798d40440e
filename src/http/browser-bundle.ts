// Bundles browser TypeScript with esbuild into one minified file, once per process: the first request (or the
// connector's start, for the console) builds it, later ones get the cached text. The sources ship with the
// connector, so no build step is needed before `npm start` or a Connect deployment.
// Two kinds: the storefront kit (plain TypeScript, storefront/) and the operator console (React, console/).
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

// src/http/ and dist/http/ both sit two levels below the repository root.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const cache = new Map<string, Promise<string>>();

export type BundleFormat = 'iife' | 'esm';
export type BundleKind = 'storefront' | 'console';

/**
 * @example
 * const js = await browserBundle('storefront/ct-friendbuy.ts', 'iife'); // minified, one file
 * const app = await browserBundle('console/index.tsx', 'iife', 'console'); // React, JSX, production build
 */
export function browserBundle(
  entry: string,
  format: BundleFormat,
  kind: BundleKind = 'storefront',
): Promise<string> {
  const key = `${kind}:${format}:${entry}`;
  let bundle = cache.get(key);
  if (!bundle) {
    bundle = bundleOnce(entry, format, kind);
    // A failed build is not cached: the next request tries again (and logs the error again).
    bundle.catch(() => cache.delete(key));
    cache.set(key, bundle);
  }
  return bundle;
}

const KINDS = {
  storefront: {
    tsconfig: 'storefront/tsconfig.json',
    // Storefronts still see older Safari versions; ES2019 keeps the kit parseable there.
    target: ['es2019'],
    define: {},
    plugins: [],
  },
  console: {
    // JSX and its runtime come from console/tsconfig.json (react-jsx with Emotion's runtime).
    tsconfig: 'console/tsconfig.json',
    // Operators use current browsers; the console is not shown to shoppers.
    target: ['es2020'],
    // React's and the UI Kit's production branches: no development warnings, a third of the size.
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [uiKitIconsArePure()],
  },
} satisfies Record<
  BundleKind,
  { tsconfig: string; target: string[]; define: Record<string, string>; plugins: Plugin[] }
>;

async function bundleOnce(entry: string, format: BundleFormat, kind: BundleKind): Promise<string> {
  const settings = KINDS[kind];
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    tsconfig: settings.tsconfig,
    define: settings.define,
    plugins: settings.plugins,
    bundle: true,
    minify: true,
    format,
    platform: 'browser',
    target: settings.target,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for ${entry}`);
  return output.text;
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
