// Group commit for the inbox: while one write is in flight, arriving messages queue up and go together in the
// next statement. Under load that turns one round trip and one commit per message into one per batch; with
// nothing in flight a message is written at once, so a quiet connector adds no latency. Every caller still
// learns its own outcome only after its batch is committed, so acknowledging stays safe.
import type { Db } from './db.js';
import { type InboundMessage, type RecordResult, recordInboundBatch } from './inbox.js';

export interface InboxWriter {
  record(message: InboundMessage, processWith?: string): Promise<RecordResult>;
}

interface Pending {
  message: InboundMessage;
  processWith: string | undefined;
  resolve(result: RecordResult): void;
  reject(error: unknown): void;
}

export function createInboxWriter(db: Db, options: { maxBatch?: number } = {}): InboxWriter {
  const maxBatch = options.maxBatch ?? 100;
  const queue: Pending[] = [];
  let writing = false;

  async function drain(): Promise<void> {
    writing = true;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, maxBatch);
        try {
          const results = await recordInboundBatch(db, batch);
          for (const [index, pending] of batch.entries()) pending.resolve(results[index]!);
        } catch (error) {
          for (const pending of batch) pending.reject(error);
        }
      }
    } finally {
      writing = false;
    }
  }

  return {
    record(message, processWith) {
      return new Promise<RecordResult>((resolve, reject) => {
        queue.push({ message, processWith, resolve, reject });
        if (!writing) void drain();
      });
    },
  };
}

const writers = new WeakMap<Db, InboxWriter>();

/** The store's one inbox writer: every intake route of a process shares it, so their messages batch together. */
export function inboxWriterFor(db: Db): InboxWriter {
  let writer = writers.get(db);
  if (!writer) {
    writer = createInboxWriter(db);
    writers.set(db, writer);
  }
  return writer;
}
