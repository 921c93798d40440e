// Child-process entry for the embedded store's crash test: opens the store in the given DATA_DIR, records one
// message, says "ready" with its server's pid, then waits to be killed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/store/open.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: embedded-holder.ts <dataDir>');
const db = await openStore({ dataDir });
await db.query('CREATE TABLE IF NOT EXISTS crash_probe (note text)');
await db.query("INSERT INTO crash_probe VALUES ('committed before the kill')");
const postmaster = Number.parseInt(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8'), 10);
process.stdout.write(`ready ${postmaster}\n`);
setInterval(() => undefined, 60_000);
