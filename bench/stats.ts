// Latency summaries: nearest-rank percentiles over every recorded sample (no sampling, no bucketing).

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

/** Milliseconds in, milliseconds out, rounded to 0.01 ms. */
export function summarize(samples: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const rank = (p: number) => round(sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN);
  return {
    count: sorted.length,
    p50: rank(0.5),
    p90: rank(0.9),
    p95: rank(0.95),
    p99: rank(0.99),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
