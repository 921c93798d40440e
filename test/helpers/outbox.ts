// Driving the outbox to rest in tests whose workers are off: failed jobs wait for a backoff of seconds to
// minutes, so instead of sleeping the sandbox clock is moved to the next retry.
import type { TestConnector } from './connector.js';

export interface OutboxState {
  pending: number;
  dead: number;
  done: number;
}

export async function outboxState(connector: Pick<TestConnector, 'db'>): Promise<OutboxState> {
  const result = await connector.db.query<{ status: keyof OutboxState; count: number }>(
    'SELECT status, count(*)::int AS count FROM outbox GROUP BY status',
  );
  const count = (status: keyof OutboxState) => result.rows.find((row) => row.status === status)?.count ?? 0;
  return { pending: count('pending'), dead: count('dead'), done: count('done') };
}

/**
 * Runs every due job; while jobs wait for a retry, moves the sandbox clock to the earliest one and runs again.
 * Returns the number of rounds that needed the clock (0 when nothing failed).
 */
export async function settleOutbox(connector: TestConnector, maxRounds = 100): Promise<number> {
  for (let round = 0; round < maxRounds; round++) {
    await connector.workers.drain();
    const next = await connector.db.query<{ due: Date | null }>(
      `SELECT min(run_after) AS due FROM outbox WHERE status = 'pending'`,
    );
    const due = next.rows[0]?.due;
    if (!due) return round;
    const waitMs = new Date(due).getTime() - connector.sandbox.clock.now().getTime();
    if (waitMs > 0) connector.sandbox.clock.advance(waitMs + 1);
  }
  throw new Error(`the outbox did not settle in ${maxRounds} rounds: ${JSON.stringify(await outboxState(connector))}`);
}
