/** Nearest-rank percentile of already sorted numbers. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export interface Timing {
  /** Median nanoseconds per call over the batches. */
  nsPerCall: number;
  calls: number;
}

/**
 * Times `fn` in batches sized to about `batchMs` each, for about `budgetMs` in all
 * (at least one batch, at most `maxBatches`), and keeps the median batch: robust
 * against a GC pause or the other core's noise landing in one batch.
 */
export function time(fn: () => unknown, budgetMs = 200, batchMs = 20, maxBatches = 50): Timing {
  // Warm-up until the JIT has settled (optimised code, inline caches), bounded in time and calls.
  const warmEnd = performance.now() + budgetMs / 4;
  let warm = 0;
  do fn();
  while (++warm < 1000 && performance.now() < warmEnd);
  const probeStart = process.hrtime.bigint();
  fn();
  const probeNs = Number(process.hrtime.bigint() - probeStart);
  const perBatch = Math.max(1, Math.round((batchMs * 1e6) / Math.max(probeNs, 1)));
  const samples: number[] = [];
  const end = performance.now() + budgetMs;
  let calls = 0;
  while (samples.length < maxBatches && (samples.length === 0 || performance.now() < end)) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < perBatch; i++) fn();
    samples.push(Number(process.hrtime.bigint() - start) / perBatch);
    calls += perBatch;
  }
  return { nsPerCall: median(samples), calls };
}

export const round = (value: number, digits = 1): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};
