// What the engineer on call looks at first: dead letters (how many, the oldest, and what the remote answered),
// the outbox, commercetools delivery health as /health shows it, and the ledger's last verification.
// Verifying every hash chain reads the whole ledger, so it is not done on this read: the last whole-ledger
// verification (GET /admin/api/ledger/verify, `ct-friendbuy ledger verify`) is kept with its time and shown.

import { oldestDeadLetter, queueCounts } from '../../store/outbox.js';
import { readSetting, writeSetting } from '../../store/settings.js';
import { lastDeliveryHealth } from '../delivery-health.js';
import type { FlowDeps } from '../deps.js';
import { verifyLedgerChains } from '../verify-ledger.js';

const LEDGER_VERIFICATION_SETTING = 'ledger.lastVerification';
/** Breaks kept with the verification: enough to start looking, not the whole list. */
const BREAKS_KEPT = 20;

export interface LedgerVerification {
  verifiedAt: string;
  ok: boolean;
  events: number;
  breaks: number;
  firstBreaks: { stream: string; seq: number; reason: string }[];
}

/** Verifies every stream's chain and keeps the result, with its time, for the on-call view. */
export async function verifyWholeLedger(deps: Pick<FlowDeps, 'db' | 'clock'>) {
  const result = await verifyLedgerChains(deps.db);
  const now = deps.clock.now();
  const kept: LedgerVerification = {
    verifiedAt: now.toISOString(),
    ok: result.intact,
    events: result.events,
    breaks: result.breaks.length,
    firstBreaks: result.breaks.slice(0, BREAKS_KEPT),
  };
  await writeSetting(deps.db, LEDGER_VERIFICATION_SETTING, kept, now);
  return result;
}

export async function loadOnCall(deps: Pick<FlowDeps, 'db'>) {
  const [oldest, outbox, delivery, ledger] = await Promise.all([
    oldestDeadLetter(deps.db),
    queueCounts(deps.db),
    lastDeliveryHealth(deps.db),
    readSetting<LedgerVerification>(deps.db, LEDGER_VERIFICATION_SETTING),
  ]);
  return {
    deadLetters: { count: outbox.failed, oldest },
    delivery: delivery ?? { status: 'not-checked' },
    ledger: ledger ?? { verifiedAt: null, ok: null, events: null, breaks: null, firstBreaks: [] },
    outbox,
  };
}
