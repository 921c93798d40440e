// Runs one load phase against a server in this process. The generator gets a worker thread of its own, so
// sending and timing requests does not steal the server's event loop (and the server cannot delay the
// generator's clock). Memory is sampled meanwhile: RSS is the whole process (server, store, and generator).
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { LoadPlan, LoadResult } from './load-generator.js';
import { round } from './stats.js';

export type { LoadPlan } from './load-generator.js';

export interface PhaseResult extends LoadResult {
  peakRssMb: number;
  /** Share of the phase the main thread (the server) was busy, 0..1: near 1 means its CPU is the limit. */
  serverEventLoopUtilization: number;
  /** CPU cores this process used (server, store, generator), and the whole machine used, on average. */
  cpuCores: { process: number; machine: number };
}

const RSS_SAMPLE_MS = 100;
const MB = 1024 * 1024;

type WorkerMessage = { type: 'started' } | { type: 'result'; result: LoadResult };

export async function runLoad(plan: LoadPlan): Promise<PhaseResult> {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, RSS_SAMPLE_MS);
  let eluAtStart = performance.eventLoopUtilization();
  let cpuAtStart = { process: process.cpuUsage(), machine: machineBusyMs(), at: performance.now() };
  const worker = startTsWorker(new URL('./load-worker.ts', import.meta.url), plan);
  try {
    const result = await new Promise<LoadResult>((resolve, reject) => {
      worker.on('message', (message: WorkerMessage) => {
        if (message.type !== 'started') return resolve(message.result);
        eluAtStart = performance.eventLoopUtilization();
        cpuAtStart = { process: process.cpuUsage(), machine: machineBusyMs(), at: performance.now() };
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`load generator exited early (code ${code})`)));
    });
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const elu = performance.eventLoopUtilization(eluAtStart);
    const wallMs = performance.now() - cpuAtStart.at;
    const used = process.cpuUsage(cpuAtStart.process);
    return {
      ...result,
      peakRssMb: round(peakRss / MB, 1),
      serverEventLoopUtilization: round(elu.utilization),
      cpuCores: {
        process: round((used.user + used.system) / 1000 / wallMs),
        machine: round((machineBusyMs() - cpuAtStart.machine) / wallMs),
      },
    };
  } finally {
    clearInterval(sampler);
    await worker.terminate();
  }
}

/** Milliseconds all cores spent not idle since boot. */
function machineBusyMs(): number {
  return cpus().reduce((sum, { times }) => sum + times.user + times.nice + times.sys + times.irq, 0);
}

/** tsx's hooks do not reach worker threads on Node 20, so the worker registers them before importing. */
function startTsWorker(file: URL, workerData: unknown): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const source = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(file.href)}); });`;
  return new Worker(source, { eval: true, workerData });
}
