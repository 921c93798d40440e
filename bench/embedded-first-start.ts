// Child-process entry: creates and migrates the embedded store in the given folder (a connector's first start:
// initdb, the server's start, the migrations), stops it, then reports how long that took and the child's peak
// RSS (the connector's side; the server is a process of its own).
import { performance } from 'node:perf_hooks';
import { openStore } from '../src/store/open.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: embedded-first-start.ts <dataDir>');
const started = performance.now();
const db = await openStore({ dataDir });
const seconds = Math.round(performance.now() - started) / 1000;
await db.close();
// maxRSS is in kilobytes.
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 102.4) / 10;
process.send?.({ seconds, peakRssMb }, () => process.disconnect());
