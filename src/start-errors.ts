// What `npm start` prints when the connector cannot start for a reason the operator can fix: one line naming
// the setting and what to do, instead of a stack trace. Anything else is a bug and keeps its stack.
import type { Config } from './config.js';
import { StoreLockedError } from './store/data-dir-lock.js';
import { EmbeddedServerError } from './store/embedded.js';

/** PostgreSQL's own codes for a server that answers but refuses (`pg` puts them on `error.code`). */
const POSTGRES_REFUSALS: Record<string, string> = {
  '3D000': 'the database does not exist: create it (createdb), or name an existing one in DATABASE_URL',
  '28P01': 'the server refused the password: fix the user or password in DATABASE_URL',
  '28000': 'the server refused the user: fix the user in DATABASE_URL or the server’s pg_hba.conf',
};
const UNREACHABLE = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET'];

/**
 * One line for an expected start failure, or undefined for anything else.
 * @example describeStartError(Object.assign(new Error('listen'), { code: 'EADDRINUSE' }), config)
 * // 'port 8080 is already in use (PORT): stop what listens there, or start with another PORT, e.g. PORT=8081'
 */
export function describeStartError(
  error: unknown,
  config: Pick<Config, 'port' | 'host'> & { database: Pick<Config['database'], 'url' | 'dataDir'> },
): string | undefined {
  if (error instanceof StoreLockedError || error instanceof EmbeddedServerError) return error.message;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return undefined;
  if (code === 'EADDRINUSE')
    return (
      `port ${config.port} is already in use (PORT): stop what listens there, or start with another PORT, ` +
      `e.g. PORT=${config.port + 1}`
    );
  if (code === 'EACCES' && (error as { syscall?: unknown }).syscall === 'listen')
    return `this user may not listen on port ${config.port} (PORT): use a port above 1023, e.g. PORT=8080`;
  const url = config.database.url;
  if (!url) {
    if (code === 'EACCES' || code === 'EROFS' || code === 'ENOSPC')
      return `the embedded store in ${config.database.dataDir} cannot be written (${code}, DATA_DIR): point DATA_DIR at a writable folder`;
    return undefined;
  }
  const server = serverOf(url);
  if (POSTGRES_REFUSALS[code]) return `PostgreSQL at ${server} (DATABASE_URL): ${POSTGRES_REFUSALS[code]}`;
  if (UNREACHABLE.includes(code))
    return (
      `cannot reach PostgreSQL at ${server} (DATABASE_URL, ${code}): start the server or fix DATABASE_URL; ` +
      'unset DATABASE_URL to use the embedded store instead'
    );
  return undefined;
}

/** Host, port and database of a connection string, never its user or password. */
function serverOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'the server';
  }
}
