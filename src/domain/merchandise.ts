// What counts as merchandise in a purchase. commercetools line items are products from the catalogue; custom
// line items are anything else the merchant adds to an order (gift wrap, fees, donations, deposits) and have no
// SKU. Friendbuy's reward rules compare the purchase amount ("minimum purchase") and products' SKUs, so by
// default only line items count; a merchant who sells through custom line items chooses otherwise.

/** `exclude`: no custom line item counts (default); `include`: every one does; `excludeFees`: all but fees. */
export type CustomLineItemRule = 'exclude' | 'include' | 'excludeFees';

export interface MerchandiseRule {
  customLineItems: CustomLineItemRule;
  /** Under `excludeFees`: a custom line item whose slug, key or name matches is a fee, not merchandise. */
  feePattern: RegExp;
}

/** Words that mark a custom line item as a fee, as whole words of its slug, key or name (not "coffee"). */
export const DEFAULT_FEE_PATTERN =
  /(?:^|[^a-z])(?:fees?|surcharges?|gift-?wrap(?:ping)?|wrapping|donations?|deposits?|tips?|handling|shipping|insurance)(?:[^a-z]|$)/i;

export const DEFAULT_MERCHANDISE_RULE: MerchandiseRule = {
  customLineItems: 'exclude',
  feePattern: DEFAULT_FEE_PATTERN,
};

export interface CustomLineItemLike {
  slug?: string | undefined;
  key?: string | undefined;
  name?: Readonly<Record<string, string>> | undefined;
}

/**
 * @example isMerchandise({ slug: 'gift-wrap', name: { en: 'Gift wrap' } }, { customLineItems: 'excludeFees', feePattern }) // false
 */
export function isMerchandise(item: CustomLineItemLike, rule: MerchandiseRule): boolean {
  if (rule.customLineItems === 'include') return true;
  if (rule.customLineItems === 'exclude') return false;
  const labels = [item.slug, item.key, ...Object.values(item.name ?? {})];
  return !labels.some((label) => label !== undefined && rule.feePattern.test(label));
}

/**
 * The order with only the custom line items that count as merchandise, for the amount and products built
 * from it. The order's own totals stay as commercetools computed them.
 */
export function merchandiseOf<T extends { customLineItems?: readonly CustomLineItemLike[] | undefined }>(
  order: T,
  rule: MerchandiseRule,
): T {
  if (!order.customLineItems?.length || rule.customLineItems === 'include') return order;
  return { ...order, customLineItems: order.customLineItems.filter((item) => isMerchandise(item, rule)) };
}
