// One small interface over PostgreSQL (a server, or the embedded one in DATA_DIR), so every store module is
// written once.

export type SqlParam = string | number | boolean | null | Date | Buffer | unknown[] | Record<string, unknown>;

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface QueryOptions {
  /**
   * Each connection parses the statement once and keeps it under this name (one name, one SQL text): for a
   * statement on a hot path, whose parsing would otherwise be repeated on every call.
   */
  preparedAs?: string;
}

export interface Queryable {
  query<T = Record<string, unknown>>(
    sql: string,
    params?: SqlParam[],
    options?: QueryOptions,
  ): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Says this unit of work queued jobs (the outbox calls it): the store tells its `onJobsQueued` listeners once
   * the work is committed, at once outside a transaction, after COMMIT inside one, never after a rollback.
   */
  jobsQueued(): void;
}

export interface Db extends Queryable {
  readonly kind: 'embedded' | 'postgres';
  /** Runs `fn` in one transaction; it commits when `fn` resolves and rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Calls `listener` after every commit that queued jobs (the composition root wakes the workers). */
  onJobsQueued(listener: () => void): void;
  close(): Promise<void>;
  /** The connection pool's use now, for metrics; the embedded store has one connection and no pool. */
  poolUsage?(): { total: number; idle: number; waiting: number };
}

/** A unique-key conflict, as PostgreSQL reports it (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

/**
 * The database did not answer in time or the connection broke (restart, failover, network): nothing is wrong
 * with the request, so routes answer 503 and senders retry; the pool reconnects by itself.
 */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
  /** The cause's code (`ECONNREFUSED`, `57P01`…), kept so start errors can still name what to fix. */
  readonly code: string | undefined;
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`store unavailable: ${reason}`, options);
    const code = (options?.cause as { code?: unknown } | undefined)?.code;
    this.code = typeof code === 'string' ? code : undefined;
  }
}

// SQLSTATE classes and codes that say "the server or the link", not "the statement": connection exceptions
// (08), operator intervention (57: terminated, shutting down, cannot connect now, statement timeout) and the
// idle-in-transaction timeout.
const UNAVAILABLE_SQLSTATE = /^(08|57)|^25P03$/;
// ENOENT among them: the embedded server's Unix socket is missing while that server restarts.
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|ENOENT/i;

/** True for failures of the database or the link to it rather than of the statement. */
export function isStoreUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && UNAVAILABLE_SQLSTATE.test(code)) return true;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code) && UNAVAILABLE_MESSAGE.test(code)) return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message);
}
