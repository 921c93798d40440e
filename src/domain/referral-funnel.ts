// An advocate's referral funnel: share → click → (email capture) → sign-up → purchase, each step a ledger event
// `referral.<step>` on the advocate's stream. Counting is pure; the events come from the ledger.

export const FUNNEL_STEPS = ['share', 'click', 'email-capture', 'sign-up', 'purchase'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export type FunnelCounts = Record<FunnelStep, number>;

export const funnelEventType = (step: FunnelStep) => `referral.${step}`;

/** How many events of each step; other event types are ignored. */
export function countFunnel(events: ReadonlyArray<{ type: string }>): FunnelCounts {
  const counts = Object.fromEntries(FUNNEL_STEPS.map((step) => [step, 0])) as FunnelCounts;
  for (const { type } of events) {
    const step = type.startsWith('referral.') ? (type.slice('referral.'.length) as FunnelStep) : undefined;
    if (step && Object.hasOwn(counts, step)) counts[step]++;
  }
  return counts;
}
