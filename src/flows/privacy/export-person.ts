// Export of one person (GDPR art. 15/20): everything the connector's store holds about them, and Friendbuy's own
// export (GET /v1/user-data), as one JSON document. Friendbuy's part is reported as unavailable, not failed,
// when Friendbuy cannot answer: the connector's part is still owed to the person.
import { emailHashOf } from '../../domain/identity.js';
import { findPersonFootprint, readPersonRows } from '../../store/personal-data.js';
import type { FlowDeps } from '../deps.js';

export interface ExportRequest {
  email?: string | undefined;
  customerId?: string | undefined;
}

export async function exportPerson(deps: FlowDeps, request: ExportRequest) {
  const emailHash = emailHashOf(deps.config, request.email);
  const person = await findPersonFootprint(deps.db, {
    customerIds: request.customerId ? [request.customerId] : [],
    emailHashes: emailHash ? [emailHash] : [],
    emails: [],
  });
  const connector = await readPersonRows(deps.db, person);
  let friendbuy: unknown;
  try {
    friendbuy = await deps.friendbuy.getUserData({ email: request.email, customerId: request.customerId });
  } catch (error) {
    deps.logger.warn({ err: error }, 'Friendbuy user-data export unavailable');
    friendbuy = { unavailable: error instanceof Error ? error.message : String(error) };
  }
  return {
    exportedAt: deps.clock.now().toISOString(),
    request: { email: request.email, customerId: request.customerId },
    connector,
    friendbuy,
  };
}
