// The findings reconciliation kept, for the admin API and the CLI (routes never reach into the store).
import { type Finding, listFindings } from '../../store/reconciliation.js';
import type { FlowDeps } from '../deps.js';

export function reconciliationFindings(
  deps: Pick<FlowDeps, 'db'>,
  filter: { cause?: string | undefined; open?: boolean | undefined; limit?: number | undefined },
): Promise<Finding[]> {
  return listFindings(deps.db, filter);
}
