// The quick start's compiled copy of the sources. Outside production, `npm start` and `ct-friendbuy` run plain
// JavaScript that esbuild transpiles from src/ (about a second for the whole tree, once per change) instead of
// compiling TypeScript inside the process through tsx, whose loader thread alone holds about 80 MB of the
// connector's memory. Like tsx it transpiles file by file, without type-checking (`npm run typecheck` does that).
// The copy lives under node_modules/.cache/ct-friendbuy/, keyed by the sources' paths, sizes and modification
// times, so an edit makes a new copy at the next start. Concurrent starts each build into a folder of their own
// and the first to rename it into place wins; the others use it.
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = new URL('../', import.meta.url);
const CACHE = new URL('node_modules/.cache/ct-friendbuy/', ROOT);
const COMPLETE = '.complete';
// Copies older than this that are not the current one are removed at a start (a process still running on one
// has imported it long since).
const KEEP_MS = 24 * 60 * 60 * 1000;

/**
 * Builds (or finds) the compiled copy of `roots` (folders under the repository root) and returns its folder's
 * URL: `new URL('src/main.js', copy)` is the compiled src/main.ts.
 */
export async function devBuild(roots = ['src']) {
  const sources = roots.flatMap((root) => listFiles(root));
  const { build, version } = await import('esbuild');
  const key = createHash('sha256').update(`esbuild ${version}\n`);
  for (const file of sources) {
    const stat = statSync(new URL(file, ROOT));
    key.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  const copy = new URL(`${key.digest('hex').slice(0, 16)}/`, CACHE);
  if (existsSync(new URL(COMPLETE, copy))) return copy;

  mkdirSync(CACHE, { recursive: true });
  const building = new URL(`building-${process.pid}-${Date.now()}/`, CACHE);
  try {
    await build({
      absWorkingDir: fileURLToPath(ROOT),
      entryPoints: sources.filter((file) => file.endsWith('.ts')),
      outdir: fileURLToPath(building),
      outbase: '.',
      format: 'esm',
      platform: 'node',
      target: `node${process.versions.node.split('.')[0]}`,
      sourcemap: 'linked',
      logLevel: 'silent',
    });
    for (const file of sources.filter((file) => file.endsWith('.sql')))
      cpSync(new URL(file, ROOT), new URL(file, building));
    // Without it Node would take the copy's .js files for CommonJS: node_modules/ ends the search for the
    // repository's own package.json.
    writeFileSync(new URL('package.json', building), '{ "type": "module" }\n');
    writeFileSync(new URL(COMPLETE, building), '');
    renameSync(building, copy);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    // Another start renamed the same copy into place first.
    if (existsSync(new URL(COMPLETE, copy))) return copy;
    throw error;
  }
  removeOldCopies(copy);
  return copy;
}

/** The TypeScript sources (tests excepted) and the SQL files beside them, as paths from the repository root. */
function listFiles(root) {
  return readdirSync(new URL(`${root}/`, ROOT), { recursive: true })
    .map((path) => `${root}/${String(path).replaceAll('\\', '/')}`)
    .filter((path) => (path.endsWith('.ts') && !path.endsWith('.test.ts')) || path.endsWith('.sql'))
    .sort();
}

function removeOldCopies(current) {
  for (const name of readdirSync(CACHE)) {
    const entry = new URL(`${name}/`, CACHE);
    if (entry.href === current.href) continue;
    try {
      if (Date.now() - statSync(entry).mtimeMs > KEEP_MS) rmSync(entry, { recursive: true, force: true });
    } catch {
      // Removed by another start meanwhile.
    }
  }
}
