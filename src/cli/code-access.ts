// How `ct-friendbuy codes` reaches the code flows: in this process, on the store and commercetools directly
// (live mode), or through the running connector's admin API, which generates batches as outbox jobs. The admin
// API is used in sandbox mode (commercetools lives inside the connector) and when the connector holds the
// embedded store.
import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock } from '../clock.js';
import type { CodeChannel } from '../domain/code-ownership.js';
import { type CodeCheckReport, checkOwnedCodes, codeStock, type StockReport } from '../flows/check-codes.js';
import {
  type BatchRunOutcome,
  type GenerateDeps,
  runCodeBatch,
  type StartBatchInput,
  startCodeBatch,
} from '../flows/generate-codes.js';
import { exportCodeBatch, readCodeBatch } from '../flows/operator-codes.js';
import type { CodeBatch } from '../store/code-batches.js';
import { StoreLockedError } from '../store/data-dir-lock.js';
import { adminApi } from './admin-api.js';
import type { CliContext } from './context.js';

export interface RunFollowOptions {
  signal: AbortSignal;
  onProgress(progress: { created: number; requested: number }): void;
}

export interface CodeAccess {
  /** Where generation runs: here, or in the connector (which goes on when this process stops). */
  readonly where: 'here' | 'connector';
  startBatch(input: StartBatchInput): Promise<CodeBatch>;
  getBatch(id: string): Promise<CodeBatch>;
  /** Picks an interrupted batch up again (in the connector: makes sure a job is working on it). */
  resumeBatch(id: string): Promise<CodeBatch>;
  /** Runs the batch here, or asks the connector to go on with it and follows its progress. */
  runBatch(id: string, options: RunFollowOptions): Promise<BatchRunOutcome>;
  batchCsv(id: string): Promise<string>;
  check(filter: {
    campaignId?: string | undefined;
    channel?: CodeChannel | undefined;
  }): Promise<CodeCheckReport>;
  stock(filter: { campaignId?: string | undefined; below?: number | undefined }): Promise<StockReport>;
  close(): Promise<void>;
}

const POLL_MS = 300;

export async function openCodeAccess(context: CliContext, connectorUrl: string): Promise<CodeAccess> {
  const admin = () => adminApiAccess(context, connectorUrl);
  if (context.config.mode === 'sandbox') return admin();
  try {
    return directAccess(context, await context.openDb());
  } catch (error) {
    if (error instanceof StoreLockedError) return admin();
    throw error;
  }
}

function directAccess(context: CliContext, db: Awaited<ReturnType<CliContext['openDb']>>): CodeAccess {
  const deps: GenerateDeps = {
    db,
    clock: systemClock,
    logger: context.logger,
    commercetools: context.commercetools(),
    campaigns: context.campaigns(),
  };
  const found = (id: string) => readCodeBatch(deps, id);
  return {
    where: 'here',
    startBatch: (input) => startCodeBatch(deps, input),
    getBatch: found,
    resumeBatch: found,
    async runBatch(id, options) {
      return (await runCodeBatch(deps, id, options)).outcome;
    },
    batchCsv: (id) => exportCodeBatch(deps, id),
    check: (filter) => checkOwnedCodes(deps, filter),
    stock: (filter) => codeStock(deps, filter),
    close: () => db.close(),
  };
}

function adminApiAccess(context: CliContext, connectorUrl: string): CodeAccess {
  const { request, call: json } = adminApi(context, connectorUrl);
  const batch = async (id: string) =>
    (await json<{ batch: CodeBatch }>(`/admin/api/code-batches/${id}`)).batch;
  const query = (values: Record<string, string | number | undefined>) => {
    const entries = Object.entries(values).filter((e): e is [string, string | number] => e[1] !== undefined);
    return new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString();
  };
  return {
    where: 'connector',
    startBatch: async (input) =>
      (
        await json<{ batch: CodeBatch }>('/admin/api/code-batches', {
          method: 'POST',
          body: JSON.stringify(input),
        })
      ).batch,
    getBatch: batch,
    resumeBatch: async (id) =>
      (
        await json<{ batch: CodeBatch }>(`/admin/api/code-batches/${id}/resume`, {
          method: 'POST',
          body: '{}',
        })
      ).batch,
    async runBatch(id, options) {
      for (;;) {
        const current = await batch(id);
        options.onProgress({ created: current.created, requested: current.requested });
        if (current.status === 'completed') return 'completed';
        if (options.signal.aborted) return 'interrupted';
        await sleep(POLL_MS);
      }
    },
    batchCsv: async (id) => (await request(`/admin/api/code-batches/${id}/codes`)).text(),
    check: (filter) =>
      json<CodeCheckReport>(
        `/admin/api/codes/check?${query({ campaign: filter.campaignId, channel: filter.channel })}`,
      ),
    stock: (filter) =>
      json<StockReport>(
        `/admin/api/codes/stock?${query({ campaign: filter.campaignId, below: filter.below })}`,
      ),
    close: async () => undefined,
  };
}
