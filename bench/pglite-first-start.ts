// Child-process entry: creates and migrates a PGlite store in the given folder (a connector's first start,
// when PGlite runs initdb), then reports how long that took and the child's peak RSS.
import { performance } from 'node:perf_hooks';
import { openStore } from '../src/store/open.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: pglite-first-start.ts <dataDir>');
const started = performance.now();
const db = await openStore({ dataDir });
await db.close();
// maxRSS is in kilobytes.
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 102.4) / 10;
process.send?.({ seconds: Math.round(performance.now() - started) / 1000, peakRssMb }, () =>
  process.disconnect(),
);
