// Runs one load phase against a server in this process. The generator is a child process of its own, so
// sending and timing requests neither steals the server's event loop nor counts in its memory, and the server
// cannot delay the generator's clock. Meanwhile this process's RSS is sampled: it is the whole process (HTTP
// server, the store's client side and the bench itself), not the generator. The embedded store's server is a
// process tree of its own: its PSS is sampled separately when the caller names it.
import { type ChildProcess, fork } from 'node:child_process';
import { cpus } from 'node:os';
import { extname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { LoadPlan, LoadResult } from './load-generator.js';
import { processTreePssMb } from './server-memory.js';
import { round } from './stats.js';

export type { LoadPlan } from './load-generator.js';

export interface PhaseResult extends LoadResult {
  peakRssMb: number;
  /** Embedded store only: peak PSS of its PostgreSQL server processes (postmaster and backends), MB. */
  storeServerPssMb?: number;
  /** Share of the phase the main thread (the server) was busy, 0..1: near 1 means its CPU is the limit. */
  serverEventLoopUtilization: number;
  /** CPU cores this process (server and store) and the whole machine used, on average. */
  cpuCores: { process: number; machine: number };
  /** This process's CPU time per acknowledged message (inflated when other processes compete for the CPUs). */
  cpuMicrosPerMessage: number;
}

const RSS_SAMPLE_MS = 100;
const MB = 1024 * 1024;

type GeneratorMessage = { type: 'started' } | { type: 'result'; result: LoadResult };

export async function runLoad(plan: LoadPlan, storeServerPid?: number): Promise<PhaseResult> {
  let peakRss = process.memoryUsage().rss;
  let serverPss = 0;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (storeServerPid) serverPss = Math.max(serverPss, processTreePssMb(storeServerPid) ?? 0);
  };
  const sampler = setInterval(sample, RSS_SAMPLE_MS);
  let eluAtStart = performance.eventLoopUtilization();
  let cpuAtStart = { process: process.cpuUsage(), machine: machineBusyMs(), at: performance.now() };
  // The child inherits this process's loader flags (tsx's under `npm run bench`), so it runs the worker in the
  // same form as this module: the .ts file, or the .js one of a compiled copy (child.ts).
  const worker = new URL(`./load-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  const generator = fork(worker, { serialization: 'advanced' });
  try {
    const result = await new Promise<LoadResult>((resolve, reject) => {
      generator.on('message', (message: GeneratorMessage) => {
        if (message.type !== 'started') return resolve(message.result);
        eluAtStart = performance.eventLoopUtilization();
        cpuAtStart = { process: process.cpuUsage(), machine: machineBusyMs(), at: performance.now() };
      });
      generator.once('error', reject);
      generator.once('exit', (code) => reject(new Error(`load generator exited early (code ${code})`)));
      generator.send(plan);
    });
    sample();
    const elu = performance.eventLoopUtilization(eluAtStart);
    const wallMs = performance.now() - cpuAtStart.at;
    const used = process.cpuUsage(cpuAtStart.process);
    return {
      ...result,
      peakRssMb: round(peakRss / MB, 1),
      ...(serverPss > 0 ? { storeServerPssMb: serverPss } : {}),
      serverEventLoopUtilization: round(elu.utilization),
      cpuMicrosPerMessage: Math.round((used.user + used.system) / Math.max(1, result.ok)),
      cpuCores: {
        process: round((used.user + used.system) / 1000 / wallMs),
        machine: round((machineBusyMs() - cpuAtStart.machine) / wallMs),
      },
    };
  } finally {
    clearInterval(sampler);
    await stop(generator);
  }
}

/** Milliseconds all cores spent not idle since boot. */
function machineBusyMs(): number {
  return cpus().reduce((sum, { times }) => sum + times.user + times.nice + times.sys + times.irq, 0);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill();
  await exited;
}
