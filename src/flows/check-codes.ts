// `codes check` and `codes stock`: which connector-owned codes would not apply in commercetools, and why; and how
// many code-bank codes are left unused per campaign and channel.
import type { DiscountCode } from '@commercetools/platform-sdk';
import { getDiscountCodesWithDiscounts } from '../commercetools/discount-access.js';
import { campaignById } from '../domain/campaign.js';
import { type CheckedDiscountCode, type CodeProblem, checkCode } from '../domain/code-check.js';
import type { CodeChannel } from '../domain/code-ownership.js';
import { redemptionCounts } from '../store/code-redemptions.js';
import { codeBankStock, listOwnedCodes, type StockRow } from '../store/codes.js';
import type { FlowDeps } from './deps.js';

export type CheckDeps = Pick<FlowDeps, 'db' | 'clock' | 'commercetools' | 'campaigns'>;

export interface CodeCheckFinding {
  code: string;
  channel: CodeChannel;
  campaignId: string | null;
  rewardId: string | null;
  discountCodeId: string | null;
  status: string;
  problems: CodeProblem[];
}

export interface CodeCheckReport {
  checked: number;
  /** Only the codes that would not apply. */
  findings: CodeCheckFinding[];
}

const PAGE = 200;

export async function checkOwnedCodes(
  deps: CheckDeps,
  filter: { campaignId?: string | undefined; channel?: CodeChannel | undefined } = {},
): Promise<CodeCheckReport> {
  const now = deps.clock.now();
  const findings: CodeCheckFinding[] = [];
  let checked = 0;
  let after = '';
  for (;;) {
    const entries = await listOwnedCodes(deps.db, { ...filter, after, limit: PAGE });
    if (entries.length === 0) break;
    after = entries.at(-1)?.code ?? after;
    const ids = entries.flatMap((entry) => (entry.discountCodeId ? [entry.discountCodeId] : []));
    const found = new Map(
      (await getDiscountCodesWithDiscounts(deps.commercetools, ids)).map((code) => [code.id, code]),
    );
    const used = await redemptionCounts(
      deps.db,
      entries.map((entry) => entry.code),
    );
    for (const entry of entries) {
      checked++;
      const campaign = entry.campaignId ? campaignById(deps.campaigns, entry.campaignId) : undefined;
      const discountCode = entry.discountCodeId ? found.get(entry.discountCodeId) : undefined;
      const problems = checkCode(
        discountCode && asChecked(discountCode),
        {
          storeKeys: campaign?.storeKeys ?? entry.storeKeys,
          currencies: campaign?.currencies ?? entry.currencies,
          redemptions: used.get(entry.code) ?? 0,
        },
        now,
      );
      if (problems.length > 0)
        findings.push({
          code: entry.commercetoolsCode,
          channel: entry.channel,
          campaignId: entry.campaignId,
          rewardId: entry.rewardId,
          discountCodeId: entry.discountCodeId,
          status: entry.status,
          problems,
        });
    }
    if (entries.length < PAGE) break;
  }
  return { checked, findings };
}

function asChecked(code: DiscountCode): CheckedDiscountCode {
  return {
    isActive: code.isActive,
    validFrom: code.validFrom,
    validUntil: code.validUntil,
    cartPredicate: code.cartPredicate,
    maxApplications: code.maxApplications,
    cartDiscounts: code.cartDiscounts.map((ref) => ({
      id: ref.id,
      obj: ref.obj && {
        id: ref.obj.id,
        isActive: ref.obj.isActive,
        validFrom: ref.obj.validFrom,
        validUntil: ref.obj.validUntil,
        stores: ref.obj.stores,
        cartPredicate: ref.obj.cartPredicate,
        value: ref.obj.value,
      },
    })),
  };
}

export interface StockReport {
  rows: (StockRow & { low: boolean })[];
  /** True when a `below` threshold was given and some campaign/channel has fewer unused codes. */
  low: boolean;
}

/** Unused vs used code-bank codes per campaign and channel, from the registry and recorded redemptions. */
export async function codeStock(
  deps: Pick<FlowDeps, 'db'>,
  options: { campaignId?: string | undefined; below?: number | undefined } = {},
): Promise<StockReport> {
  const rows = (await codeBankStock(deps.db, options.campaignId)).map((row) => ({
    ...row,
    low: options.below !== undefined && row.unused < options.below,
  }));
  return { rows, low: rows.some((row) => row.low) };
}
