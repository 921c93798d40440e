// Erasure of one person (GDPR art. 17): on commercetools' CustomerDeleted, `ct-friendbuy privacy erase` or the
// admin API. In one transaction the store forgets or pseudonymises everything naming the person, the erasure is
// recorded as a ledger fact that names nobody, and the remote effects are queued: Friendbuy's DELETE
// /v1/user-data (followed to completion) and the shopper identifiers on the person's commercetools orders.
import { randomUUID } from 'node:crypto';
import { emailHashOf } from '../../domain/identity.js';
import type { Operator } from '../../domain/operators.js';
import { readErasure, recordErasureRequest } from '../../store/erasures.js';
import { appendEvent } from '../../store/ledger.js';
import { enqueueMany } from '../../store/outbox.js';
import { erasePersonRows, findPersonFootprint } from '../../store/personal-data.js';
import type { FlowDeps } from '../deps.js';
import { newJob } from '../job.js';
import { JOB } from '../job-kinds.js';
import { recordOperatorAction } from '../operator-audit.js';

export interface ErasureRequest {
  email?: string | undefined;
  customerId?: string | undefined;
  /** Who asked: `commercetools:CustomerDeleted`, `cli`, `admin-api`. */
  requestedBy: string;
  correlationId?: string | undefined;
  /** Given when the request has a natural key (a delivered message), so processing it twice erases once. */
  erasureId?: string | undefined;
  /** The operator who asked through the admin API: the erasure goes on their audit trail, committed with it. */
  operator?: Operator | undefined;
}

export interface ErasureReceipt {
  erasureId: string;
  /** Rows removed or pseudonymised, by table. */
  counts: Record<string, number>;
  orders: number;
}

/** Ledger stream of an erasure: its own, since the person's streams are named by what is being erased. */
export const erasureStream = (erasureId: string) => `erasure:${erasureId}`;

export async function erasePerson(deps: FlowDeps, request: ErasureRequest): Promise<ErasureReceipt> {
  const erasureId = request.erasureId ?? randomUUID();
  const now = deps.clock.now();
  const emailHash = emailHashOf(deps.config, request.email);
  const scope = [request.email ? 'email' : undefined, request.customerId ? 'customerId' : undefined].filter(
    (s): s is string => s !== undefined,
  );
  return deps.db.transaction(async (tx) => {
    const earlier = await readErasure(tx, erasureId);
    if (earlier) return { erasureId, counts: earlier.counts, orders: 0 };
    const person = await findPersonFootprint(tx, {
      customerIds: request.customerId ? [request.customerId] : [],
      emailHashes: emailHash ? [emailHash] : [],
      emails: request.email ? [request.email] : [],
    });
    const counts = await erasePersonRows(tx, person, erasureId, now);
    await recordErasureRequest(tx, { erasureId, requestedBy: request.requestedBy, scope, counts, at: now });
    await appendEvent(
      tx,
      {
        stream: erasureStream(erasureId),
        type: 'privacy.erased',
        // Who asked, when, which kinds of identifier and how much was forgotten; never the identifiers.
        data: { requestedBy: request.requestedBy, scope, counts, orders: person.orderIds.length },
        dedupKey: `erasure:${erasureId}`,
        correlationId: request.correlationId,
        occurredAt: now,
      },
      now,
    );
    if (request.operator)
      await recordOperatorAction(
        tx,
        request.operator,
        {
          action: 'privacy.erased',
          subject: `erasure:${erasureId}`,
          details: { scope, counts },
          correlationId: request.correlationId,
        },
        now,
      );
    // Friendbuy knows the person by the email and customer id we sent it; guests by their pseudonym.
    const email = request.email ?? person.emails[0];
    const customerId = request.customerId ?? person.customerIds[0] ?? person.friendbuyCustomerIds[0];
    await enqueueMany(
      tx,
      [
        newJob(JOB.friendbuyErasure, {
          dedupKey: `erasure:${erasureId}:friendbuy`,
          payload: { erasureId, email, customerId },
          correlationId: request.correlationId,
        }),
        newJob(JOB.clearErasedCartFields, {
          dedupKey: `erasure:${erasureId}:carts`,
          payload: { erasureId, email, customerId: request.customerId ?? person.customerIds[0] },
          correlationId: request.correlationId,
        }),
        ...person.orderIds.map((orderId) =>
          newJob(JOB.clearErasedOrderFields, {
            dedupKey: `erasure:${erasureId}:order:${orderId}`,
            payload: { erasureId, orderId },
            correlationId: request.correlationId,
          }),
        ),
      ],
      now,
    );
    return { erasureId, counts, orders: person.orderIds.length };
  });
}

/** Where an erasure stands (its Friendbuy job, what was forgotten); it names nobody. */
export function loadErasure(deps: Pick<FlowDeps, 'db'>, erasureId: string) {
  return readErasure(deps.db, erasureId);
}
