// What the intake of inbound messages needs (the store, the clock, and the process's one inbox writer, which
// every intake route shares so their messages join the same group commits) and how its failures read.
import type { Clock } from '../clock.js';
import { CodedError } from '../domain/coded-error.js';
import { UnstorableError } from '../domain/storable-text.js';
import type { ConnectorMetrics } from '../observability/metrics.js';
import type { Db } from '../store/db.js';
import type { InboxWriter } from '../store/inbox-writer.js';

export interface IntakeDeps {
  db: Db;
  clock: Clock;
  /** Created and owned by the composition root: one per store and process. */
  inbox: InboxWriter;
  /** Deliveries received and acknowledged, by source and message type. */
  metrics: Pick<ConnectorMetrics, 'deliveryReceived' | 'deliveryAcknowledged'>;
}

/**
 * Runs an intake so its failure tells the sender what to do: what can never be stored is refused for good (a
 * 400 stops the redelivery), anything else is the store failing (a 503, and the sender delivers again).
 */
export async function recordOrRefuse<T>(what: string, intake: () => Promise<T>): Promise<T> {
  try {
    return await intake();
  } catch (error) {
    if (error instanceof UnstorableError)
      throw new CodedError('BadRequest', `cannot be stored: ${error.message}`);
    throw new CodedError(
      'StoreUnavailable',
      `the ${what} could not be recorded; retry later`,
      {},
      { cause: error },
    );
  }
}
