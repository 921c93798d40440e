// Code hygiene, a recurring maintenance job: the connector's own promo codes (referral codes, reward coupons,
// code-bank codes) whose validity has passed are deactivated in commercetools, so no cart can use them and the
// registry says so; merchant codes are never touched. It also reports the code banks running low, for a person
// to generate and upload more (`ct-friendbuy codes generate`).
import type { DiscountCode, DiscountCodeUpdateAction } from '@commercetools/platform-sdk';
import { expiredActiveDiscountCodes, getDiscountCode } from '../commercetools/discount-access.js';
import { updateResourceWithRetry } from '../commercetools/update-with-retry.js';
import { findCodesByDiscountCodeIds, type StockRow, setCodeStatus } from '../store/codes.js';
import { codeStock } from './check-codes.js';
import type { FlowDeps } from './deps.js';
import { defineJob, type HandlerOf } from './job.js';
import { JOB } from './job-kinds.js';

const PAGE_SIZE = 100;
/** The stock under which a code bank is reported low (as `codes stock --below 100`). */
export const LOW_STOCK_BELOW = 100;

export interface CodeHygieneReport {
  /** The codes deactivated, as the registry spells them. */
  deactivated: string[];
  lowBanks: StockRow[];
}

export async function maintainCodes(deps: FlowDeps): Promise<CodeHygieneReport> {
  const now = deps.clock.now();
  const deactivated: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await expiredActiveDiscountCodes(deps.commercetools, { now, after, limit: PAGE_SIZE });
    const owned = await findCodesByDiscountCodeIds(
      deps.db,
      page.map((code) => code.id),
    );
    for (const entry of owned) {
      if (entry.channel === 'merchant' || !entry.discountCodeId) continue;
      const id = entry.discountCodeId;
      await updateResourceWithRetry<DiscountCode, DiscountCodeUpdateAction>(
        deps.commercetools.discountCodes(),
        {
          what: `expired discount code ${id}`,
          read: () => getDiscountCode(deps.commercetools, id),
          // Read again: the merchant may have extended its validity since the page was read.
          buildActions: (code) =>
            code.isActive && code.validUntil && new Date(code.validUntil) < now
              ? [{ action: 'changeIsActive', isActive: false }]
              : [],
        },
      );
      await setCodeStatus(deps.db, entry.code, 'deactivated', deps.clock.now());
      deactivated.push(entry.code);
    }
    if (page.length < PAGE_SIZE) break;
    after = page.at(-1)!.id;
  }
  const stock = await codeStock(deps, { below: LOW_STOCK_BELOW });
  const lowBanks = stock.rows.filter((row) => row.low).map(({ low: _low, ...row }) => row);
  if (deactivated.length > 0)
    deps.logger.info({ count: deactivated.length }, 'expired promo codes deactivated');
  for (const bank of lowBanks)
    deps.logger.warn(
      { campaignId: bank.campaignId, channel: bank.channel, unused: bank.unused, below: LOW_STOCK_BELOW },
      'code bank running low: generate and upload more codes (ct-friendbuy codes generate)',
    );
  return { deactivated, lowBanks };
}

export function createCodeMaintainer(deps: FlowDeps): HandlerOf<typeof JOB.codeHygiene> {
  return async (_payload, { logger }) => {
    await maintainCodes({ ...deps, logger });
  };
}

export const codeHygieneJob = defineJob({
  kind: JOB.codeHygiene,
  handler: createCodeMaintainer,
  // Daily: validity is counted in days.
  schedule: { everyMs: () => 24 * 3_600_000, cron: '15 4 * * *' },
});
