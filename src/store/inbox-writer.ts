// Group commit for the inbox: while the writes in flight fill their slots, arriving messages queue up and go
// together in the next statement. Under load that turns one round trip and one commit per message into one per
// batch; with a slot free a message is written at once, so a quiet connector adds no latency. Two slots, not
// one: a message arriving just after a write started goes out at once on a second connection instead of
// waiting a whole commit (its fsync) for the first to finish; PostgreSQL flushes concurrent commits together.
// Every caller still learns its own outcome only after its batch is committed, so acknowledging stays safe.
// One message must never fail its neighbours: what the store cannot hold is refused before it joins a batch,
// and when a batch fails anyway (for a reason not foreseen), its messages are written again one by one so only
// the culprit fails.
import { assertStorable, textProblem, UnstorableError } from '../domain/storable-text.js';
import { type Db, isStoreUnavailable } from './db.js';
import { type InboundMessage, type RecordResult, recordInboundBatch } from './inbox.js';

export interface InboxWriter {
  /** Rejects with UnstorableError (refuse it, 4xx) or another error (the store failed: answer 503). */
  record(message: InboundMessage, processWith?: string): Promise<RecordResult>;
}

interface Pending {
  message: InboundMessage;
  processWith: string | undefined;
  resolve(result: RecordResult): void;
  reject(error: unknown): void;
}

/** Natural keys are indexed (btree entries must stay under ~2.7 kB); real ids are far shorter. */
export const MAX_KEY_LENGTH = 512;

export function createInboxWriter(
  db: Db,
  options: { maxBatch?: number; maxInFlight?: number } = {},
): InboxWriter {
  const maxBatch = options.maxBatch ?? 100;
  const maxInFlight = options.maxInFlight ?? 2;
  let queue: Pending[] = [];
  let inFlight = 0;
  // Keys being written now. A message whose key is in flight waits for that write: two batches holding the same
  // key would wait on each other's unique-index entries (a deadlock PostgreSQL breaks only after a second), and
  // the first delivery of a key stays the one recorded.
  const writing = new Set<string>();
  const keyOf = (pending: Pending) => `${pending.message.source}\u0000${pending.message.dedupKey}`;

  async function write(batch: Pending[]): Promise<void> {
    try {
      const results = await recordInboundBatch(db, batch);
      for (const [index, pending] of batch.entries()) pending.resolve(results[index]!);
    } catch (error) {
      // A database that is down fails every message alike: no point in asking it once per message.
      if (batch.length === 1 || isStoreUnavailable(error)) {
        for (const pending of batch) pending.reject(refusalOf(error));
        return;
      }
      for (const pending of batch) await write([pending]);
    }
  }

  /** Takes up to maxBatch queued messages whose keys are not being written, in arrival order. */
  function nextBatch(): Pending[] {
    const batch: Pending[] = [];
    const waiting: Pending[] = [];
    for (const pending of queue) {
      if (batch.length < maxBatch && !writing.has(keyOf(pending))) batch.push(pending);
      else waiting.push(pending);
    }
    queue = waiting;
    return batch;
  }

  function pump(): void {
    while (queue.length > 0 && inFlight < maxInFlight) {
      const batch = nextBatch();
      if (batch.length === 0) return;
      const keys = batch.map(keyOf);
      for (const key of keys) writing.add(key);
      inFlight++;
      void write(batch).finally(() => {
        for (const key of keys) writing.delete(key);
        inFlight--;
        pump();
      });
    }
  }

  return {
    record(message, processWith) {
      return new Promise<RecordResult>((resolve, reject) => {
        try {
          checkStorable(message);
        } catch (error) {
          reject(error);
          return;
        }
        queue.push({ message, processWith, resolve, reject });
        pump();
      });
    },
  };
}

function checkStorable(message: InboundMessage): void {
  const keys = { dedupKey: message.dedupKey, resourceId: message.resourceId, kind: message.kind };
  for (const [field, value] of Object.entries(keys)) {
    const reason = value === undefined ? undefined : textProblem(value, MAX_KEY_LENGTH);
    if (reason) throw new UnstorableError({ field, reason });
  }
  assertStorable(message.payload);
}

// SQLSTATE 22 (data exception: bad encoding, value too long…) and 54 (limit exceeded: index row too large) say
// the message itself is the problem and will be every time.
function refusalOf(error: unknown): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && /^(22|54)/.test(code))
    return new UnstorableError({ field: '(message)', reason: `refused by the store (SQLSTATE ${code})` });
  return error;
}
