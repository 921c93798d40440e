// The load generator proper (it runs in its own worker thread, see load.ts). Two modes:
// - open loop: a fixed offered rate; request i is due at start + i/rate whatever the server does, and its
//   latency runs from that due time to the end of the response, so a slow server cannot hide its queueing
//   (no coordinated omission);
// - closed loop: N connections each sending the next request as soon as the previous one is answered, which
//   finds the most the server acknowledges per second.
// Both are bounded: scheduling stops after `seconds`, then in-flight requests get DRAIN_MS before the agent is
// destroyed and whatever is still open counts as an error.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { type LatencySummary, round, summarize } from './stats.js';

/**
 * What is posted (load-worker.ts): commercetools OrderCreated deliveries, signed Friendbuy webhooks, cart
 * extension inputs, or signed reward validation callbacks for the plan's `validation` purchases.
 */
export type BodyKind = 'orderCreated' | 'friendbuyWebhook' | 'cartExtension' | 'rewardValidation';

/** The purchases reward validation callbacks ask about, in turn, and the key they are signed with. */
export interface ValidationBodies {
  purchaseIds: string[];
  secretKey: string;
}

interface PostTarget {
  url: string;
  token?: string;
  bodies?: BodyKind;
  validation?: ValidationBodies;
}

export type LoadPlan =
  | (PostTarget & { mode: 'open'; seconds: number; rate: number })
  | (PostTarget & { mode: 'closed'; seconds: number; concurrency: number });

export interface LoadResult {
  sent: number;
  ok: number;
  errors: number;
  /** Count per HTTP status, plus `network`, `timeout`, `unanswered` and `skipped` (open loop past its cap). */
  outcomes: Record<string, number>;
  firstError?: string;
  elapsedSeconds: number;
  /** Acknowledged (2xx) messages per second over the whole phase. */
  throughput: number;
  /** CPU cores the generator's own process used on average (it shares the machine with the server). */
  generatorCpuCores: number;
  latencyMs: LatencySummary;
}

const REQUEST_TIMEOUT_MS = 10_000;
const DRAIN_MS = 10_000;
const OPEN_LOOP_SOCKETS = 256;
// Past this many unanswered requests the server is hopelessly behind; further sends are counted as skipped.
const OPEN_LOOP_MAX_IN_FLIGHT = 10_000;

export async function generateLoad(
  plan: LoadPlan,
  nextBody: (sequence: number) => string | { body: string; headers: Record<string, string> },
): Promise<LoadResult> {
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: plan.mode === 'open' ? OPEN_LOOP_SOCKETS : plan.concurrency,
  });
  const target = new URL(plan.url);
  const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json' };
  if (plan.token) headers.authorization = `Bearer ${plan.token}`;
  const tally = createTally();

  const post = (sequence: number): Promise<void> => {
    const next = nextBody(sequence);
    const body = typeof next === 'string' ? next : next.body;
    const extra = typeof next === 'string' ? {} : next.headers;
    tally.sent++;
    return new Promise((resolve) => {
      const request = http.request(
        target,
        {
          method: 'POST',
          agent,
          headers: { ...headers, ...extra, 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(tally.count(String(response.statusCode))));
          response.on('error', (error) => resolve(tally.count('network', error)));
        },
      );
      request.setTimeout(REQUEST_TIMEOUT_MS, () => request.destroy(new Error('timeout')));
      request.on('error', (error) =>
        resolve(tally.count(error.message === 'timeout' ? 'timeout' : 'network', error)),
      );
      request.end(body);
    });
  };

  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const latencies = plan.mode === 'open' ? await openLoop(plan, post, tally) : await closedLoop(plan, post);
  agent.destroy();
  const elapsedSeconds = (performance.now() - started) / 1000;
  return {
    ...tally.result(),
    elapsedSeconds: round(elapsedSeconds),
    generatorCpuCores: round(cpuSeconds(process.cpuUsage(cpuAtStart)) / elapsedSeconds),
    throughput: round(tally.ok / elapsedSeconds, 1),
    latencyMs: summarize(latencies),
  };
}

function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}

type Tally = ReturnType<typeof createTally>;

function createTally() {
  const outcomes: Record<string, number> = {};
  let firstError: string | undefined;
  const tally = {
    sent: 0,
    ok: 0,
    count(outcome: string, error?: Error): void {
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      if (/^2\d\d$/.test(outcome)) tally.ok++;
      else firstError ??= error ? `${outcome}: ${error.message}` : `HTTP ${outcome}`;
    },
    /** Requests still open when the drain gave up count as `unanswered`. */
    result() {
      const answered = Object.entries(outcomes).reduce((sum, [k, n]) => (k === 'skipped' ? sum : sum + n), 0);
      if (tally.sent > answered) outcomes.unanswered = tally.sent - answered;
      const errors = Object.entries(outcomes).reduce((sum, [k, n]) => (/^2\d\d$/.test(k) ? sum : sum + n), 0);
      return { sent: tally.sent, ok: tally.ok, errors, outcomes, ...(firstError ? { firstError } : {}) };
    },
  };
  return tally;
}

async function openLoop(
  plan: Extract<LoadPlan, { mode: 'open' }>,
  post: (sequence: number) => Promise<void>,
  tally: Tally,
): Promise<Float64Array> {
  const total = Math.round(plan.rate * plan.seconds);
  const intervalMs = 1000 / plan.rate;
  const latencies = new Float64Array(total).fill(Number.NaN);
  const start = performance.now();
  let next = 0;
  let inFlight = 0;
  const pending = new Set<Promise<void>>();

  await new Promise<void>((scheduled) => {
    const tick = () => {
      const now = performance.now();
      for (; next < total && start + next * intervalMs <= now; next++) {
        const dueAt = start + next * intervalMs;
        if (inFlight >= OPEN_LOOP_MAX_IN_FLIGHT) {
          tally.count('skipped');
          continue;
        }
        const index = next;
        inFlight++;
        const sent = post(index).then(() => {
          latencies[index] = performance.now() - dueAt;
          inFlight--;
          pending.delete(sent);
        });
        pending.add(sent);
      }
      if (next >= total) return scheduled();
      setTimeout(tick, Math.max(0, start + next * intervalMs - performance.now()));
    };
    tick();
  });
  await drain(pending);
  // Skipped and unanswered requests have no latency to report; they are counted as errors instead.
  return latencies.filter(Number.isFinite);
}

async function closedLoop(
  plan: Extract<LoadPlan, { mode: 'closed' }>,
  post: (sequence: number) => Promise<void>,
): Promise<number[]> {
  const deadline = performance.now() + plan.seconds * 1000;
  const latencies: number[] = [];
  let sequence = 0;
  const connection = async () => {
    while (performance.now() < deadline) {
      const sentAt = performance.now();
      await post(sequence++);
      latencies.push(performance.now() - sentAt);
    }
  };
  const connections = new Set(Array.from({ length: plan.concurrency }, connection));
  // The drain's grace starts at the deadline: started with the phase, it cut phases of 10 s or more short.
  await new Promise((resolve) => setTimeout(resolve, plan.seconds * 1000));
  await drain(connections);
  return latencies;
}

/** Waits for the requests still open, at most DRAIN_MS (the caller then destroys the agent). */
async function drain(pending: Set<Promise<void>>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, DRAIN_MS);
  });
  await Promise.race([Promise.all(pending), timeout]);
  clearTimeout(timer);
}
