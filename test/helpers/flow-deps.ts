// What the composition root gives the flows, rebuilt for a test that calls a flow or a job handler directly
// (workers off, or two processes racing): the process's store, clock, config and clients, the sandbox
// campaigns and the custom types setup resolved; anything a test needs otherwise is an override.
import { loadCampaigns } from '../../src/campaigns/load.js';
import type { Connector } from '../../src/connector.js';
import type { FlowDeps } from '../../src/flows/deps.js';
import type { JobContext } from '../../src/flows/job.js';
import { resolveCustomTypes } from '../../src/flows/setup.js';
import { jobOutsideTheOutbox } from '../../src/jobs/run-once.js';

export async function flowDepsOf(process: Connector, overrides: Partial<FlowDeps> = {}): Promise<FlowDeps> {
  return {
    db: process.db,
    clock: process.clock,
    logger: process.logger,
    config: process.config,
    campaigns: loadCampaigns({ mode: 'sandbox', merchantId: process.config.friendbuy.merchantId }),
    commercetools: process.commercetools,
    friendbuy: undefined as never,
    metrics: process.metrics,
    ...overrides,
    customTypes: overrides.customTypes ?? (await resolveCustomTypes(process)),
  };
}

/** The context a worker hands a job handler, for a job of `kind` run once by hand. */
export function jobContext(
  process: Pick<Connector, 'logger'>,
  kind: string,
  correlationId = 'test',
): JobContext {
  return { logger: process.logger, job: jobOutsideTheOutbox(kind, correlationId, new Date()) };
}
