// The console's operators as an admin sees them: everyone who signed in (with their live sessions), and the
// local operators file's people who have not yet.
import type { Clock } from '../../clock.js';
import type { SessionLifetime } from '../../domain/console-session.js';
import type { OperatorRole } from '../../domain/operators.js';
import { listConsoleOperators, type OperatorSource } from '../../store/console-sessions.js';
import type { Db } from '../../store/db.js';
import type { LocalOperator } from './operators-file.js';

export interface OperatorSummary {
  id: string;
  name: string;
  role: OperatorRole;
  source: OperatorSource;
  lastSignedInAt: Date | null;
  activeSessions: number;
}

export async function listOperators(
  deps: { db: Db; clock: Clock; lifetime: SessionLifetime },
  localOperators: readonly LocalOperator[],
): Promise<OperatorSummary[]> {
  const now = deps.clock.now();
  const known = await listConsoleOperators(deps.db, now, new Date(now.getTime() - deps.lifetime.idleMs));
  const ids = new Set(known.map((operator) => operator.id));
  const neverSignedIn = localOperators
    .filter((operator) => !ids.has(`local:${operator.email}`))
    .map((operator) => ({
      id: `local:${operator.email}`,
      name: operator.name,
      role: operator.role,
      source: 'local' as const,
      lastSignedInAt: null,
      activeSessions: 0,
    }));
  return [...known, ...neverSignedIn];
}
