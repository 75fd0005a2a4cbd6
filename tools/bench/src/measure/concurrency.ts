/** How many intervals are open at once, over time: a step series and its peak. */
export interface Interval {
  startMs: number;
  endMs: number;
}

/** [ms since the origin, how many are open from then on]. */
export type StepPoint = [number, number];

/**
 * The step series of open intervals. An interval ending at the instant another starts is not
 * counted twice (ends are applied before starts at the same time).
 */
export function concurrencySeries(intervals: readonly Interval[], originMs: number): StepPoint[] {
  const edges: [number, number][] = [];
  for (const { startMs, endMs } of intervals) {
    if (!(endMs >= startMs)) continue;
    edges.push([startMs, 1], [endMs, -1]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const series: StepPoint[] = [[0, 0]];
  let open = 0;
  for (const [at, delta] of edges) {
    open += delta;
    const t = at - originMs;
    const last = series[series.length - 1] as StepPoint;
    if (last[0] === t) last[1] = open;
    else series.push([t, open]);
  }
  return series;
}

export function peakOf(series: readonly StepPoint[]): number {
  return series.reduce((peak, [, open]) => Math.max(peak, open), 0);
}

/**
 * At most `buckets` points for a chart: each bucket keeps its highest value, so no peak is
 * lost however many cases ran.
 */
export function downsample(series: readonly StepPoint[], buckets: number): StepPoint[] {
  if (series.length <= buckets) return [...series];
  const end = series[series.length - 1]?.[0] ?? 0;
  const width = end / buckets || 1;
  const out: StepPoint[] = [];
  for (const [t, open] of series) {
    const bucketStart = Math.floor(t / width) * width;
    const last = out[out.length - 1];
    if (last && last[0] === bucketStart) last[1] = Math.max(last[1], open);
    else out.push([bucketStart, open]);
  }
  // The final step (back to 0) is where the run ends: keep its real time.
  const final = series[series.length - 1];
  if (final && out[out.length - 1]?.[0] !== final[0]) out.push([...final]);
  return out;
}
