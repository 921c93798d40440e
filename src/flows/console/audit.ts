// An operator action recorded in a transaction of its own: for operations whose flows commit in many steps
// (a reconciliation, an analytics pull, a code batch), the trail records that the operator started them and
// what came of it. Flows that change state in one transaction record inside it (recordOperatorAction).
import type { Clock } from '../../clock.js';
import type { Operator } from '../../domain/operators.js';
import type { Db } from '../../store/db.js';
import { type OperatorActionInput, recordOperatorAction } from '../operator-audit.js';

export function auditOperatorAction(
  deps: { db: Db; clock: Clock },
  operator: Operator,
  input: OperatorActionInput,
): Promise<void> {
  return deps.db.transaction((tx) => recordOperatorAction(tx, operator, input, deps.clock.now()));
}
