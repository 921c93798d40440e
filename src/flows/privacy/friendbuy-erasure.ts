// Friendbuy's side of an erasure: DELETE /v1/user-data answers at once with a job id and erases later, so a
// second job polls GET /v1/user-data (NotYet, on the outbox's retry schedule) until the export holds nothing
// about the person. Friendbuy documents no status endpoint for its job (reference §2.3), hence the export.
import { userDataErased } from '../../domain/user-data.js';
import { FriendbuyApiError } from '../../friendbuy/api-error.js';
import { blankErasureJobs, updateErasure } from '../../store/erasures.js';
import { appendEvent } from '../../store/ledger.js';
import { enqueue } from '../../store/outbox.js';
import type { FlowDeps } from '../deps.js';
import { defineJob, type HandlerOf, NotYet, newJob } from '../job.js';
import { JOB } from '../job-kinds.js';
import { erasureStream } from './erase-person.js';

/** How long after Friendbuy accepted an erasure its export is first read again. */
const FIRST_CHECK_MS = 1_000;

function createFriendbuyEraser(deps: FlowDeps): HandlerOf<typeof JOB.friendbuyErasure> {
  return async (payload, { logger }) => {
    const { erasureId, email, customerId } = payload;
    if (!email && !customerId) {
      logger.warn({ erasureId }, 'erasure names nobody Friendbuy knows; nothing to ask Friendbuy');
      await updateErasure(deps.db, erasureId, { status: 'completed', at: deps.clock.now() });
      return;
    }
    const { jobId } = await deps.friendbuy.deleteUserData({ email, customerId });
    const now = deps.clock.now();
    await deps.db.transaction(async (tx) => {
      await appendEvent(
        tx,
        {
          stream: erasureStream(erasureId),
          type: 'privacy.friendbuy-erasure-requested',
          data: { friendbuyJobId: jobId ?? null },
          dedupKey: `erasure:${erasureId}:friendbuy-requested`,
          occurredAt: now,
        },
        now,
      );
      await updateErasure(tx, erasureId, { status: 'friendbuy-pending', friendbuyJobId: jobId, at: now });
      await enqueue(
        tx,
        newJob(JOB.friendbuyErasureStatus, {
          dedupKey: `erasure:${erasureId}:friendbuy-status`,
          payload: { erasureId, email, customerId, friendbuyJobId: jobId },
          runAfter: new Date(now.getTime() + FIRST_CHECK_MS),
        }),
        now,
      );
    });
    logger.info({ erasureId, friendbuyJobId: jobId }, 'Friendbuy accepted the erasure');
  };
}

function createFriendbuyErasureFollower(deps: FlowDeps): HandlerOf<typeof JOB.friendbuyErasureStatus> {
  return async (payload, { logger }) => {
    const { erasureId, email, customerId, friendbuyJobId } = payload;
    if (!email && !customerId) return; // already confirmed and blanked
    let answer: unknown;
    try {
      answer = await deps.friendbuy.getUserData({ email, customerId });
    } catch (error) {
      // An export that no longer finds the person may answer 404.
      if (!(error instanceof FriendbuyApiError && error.status === 404)) throw error;
    }
    if (!userDataErased(answer)) {
      return new NotYet('FriendbuyErasurePending', `Friendbuy job ${friendbuyJobId ?? '?'} still shows data`);
    }
    const now = deps.clock.now();
    await deps.db.transaction(async (tx) => {
      await appendEvent(
        tx,
        {
          stream: erasureStream(erasureId),
          type: 'privacy.friendbuy-erasure-confirmed',
          data: { friendbuyJobId: friendbuyJobId ?? null },
          dedupKey: `erasure:${erasureId}:friendbuy-confirmed`,
          occurredAt: now,
        },
        now,
      );
      await updateErasure(tx, erasureId, { status: 'completed', at: now });
      await blankErasureJobs(tx, erasureId);
    });
    logger.info({ erasureId, friendbuyJobId }, 'Friendbuy confirmed the erasure');
  };
}

export const friendbuyErasureJob = defineJob({ kind: JOB.friendbuyErasure, handler: createFriendbuyEraser });
export const friendbuyErasureStatusJob = defineJob({
  kind: JOB.friendbuyErasureStatus,
  handler: createFriendbuyErasureFollower,
});
