/**
 * The report's charts as plain Chart.js configurations (JSON, no functions), built from the
 * records alone so the report can be rebuilt from results.json and series.json.
 */
import type { SizeAggregate } from '../measure/aggregate';
import { BASELINE_2022_PATTERN, REFERENCE_LABEL, type Reference2022 } from '../reference/aws-2022';
import { COST_UNIT_KEYS, type RunRecord, type RunSeries } from './record';

export interface ChartSpec {
  id: string;
  title: string;
  /** What the chart shows and how it was computed, under it. */
  caption: string;
  config: { type: string; data: { labels?: (string | number)[]; datasets: Record<string, unknown>[] }; options: Record<string, unknown> };
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf'];
const REFERENCE_GREY = '#7f7f7f';

export function colourOf(patterns: readonly string[], pattern: string): string {
  return PALETTE[Math.max(0, patterns.indexOf(pattern)) % PALETTE.length] as string;
}

const axis = (title: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ title: { display: true, text: title }, ...extra });
const baseOptions = (x: Record<string, unknown>, y: Record<string, unknown>): Record<string, unknown> => ({
  animation: false,
  responsive: false,
  plugins: { legend: { position: 'bottom' } },
  scales: { x, y },
});

function makespanChart(aggregates: readonly SizeAggregate[], patterns: readonly string[], reference: Reference2022, ownLabel: string): ChartSpec {
  const sizes = [...new Set(aggregates.map((a) => a.size))].sort((a, b) => a - b);
  const minSize = Math.min(...sizes, ...reference.sizes);
  const maxSize = Math.max(...sizes);
  const datasets: Record<string, unknown>[] = [];
  for (const pattern of patterns) {
    const colour = colourOf(patterns, pattern);
    const points = aggregates.filter((a) => a.pattern === pattern && a.medianMakespanMs !== null).map((a) => ({ x: a.size, y: (a.medianMakespanMs as number) / 1000 }));
    datasets.push({ label: `${pattern} — ${ownLabel}`, data: points, borderColor: colour, backgroundColor: colour, pointRadius: 4 });
    const ref = reference.patterns[pattern];
    if (ref) {
      const refPoints = reference.sizes.map((size, i) => ({ x: size, y: (ref.medianMs[i] ?? 0) / 1000 })).filter((p) => p.x <= Math.max(maxSize, 1));
      datasets.push({ label: `${pattern} — ${REFERENCE_LABEL}`, data: refPoints, borderColor: colour, backgroundColor: colour, borderDash: [6, 4], pointStyle: 'triangle', pointRadius: 3 });
    }
  }
  const baseline = reference.patterns[BASELINE_2022_PATTERN];
  if (baseline && !patterns.includes(BASELINE_2022_PATTERN)) {
    const points = reference.sizes.map((size, i) => ({ x: size, y: (baseline.medianMs[i] ?? 0) / 1000 })).filter((p) => p.x <= Math.max(maxSize, 1));
    datasets.push({ label: `${BASELINE_2022_PATTERN} (plain inline Map) — ${REFERENCE_LABEL}`, data: points, borderColor: REFERENCE_GREY, backgroundColor: REFERENCE_GREY, borderDash: [2, 3], pointRadius: 2 });
  }
  const target = reference.customerTarget;
  datasets.push({
    label: `customer's target: ${target.cases} cases within ${target.makespanMs / 1000} s`,
    data: [{ x: minSize, y: target.makespanMs / 1000 }, { x: Math.max(maxSize, target.cases), y: target.makespanMs / 1000 }],
    borderColor: '#000000',
    backgroundColor: '#000000',
    borderWidth: 1,
    pointRadius: 0,
  });
  return {
    id: 'makespan',
    title: 'Makespan against size',
    caption: `Median makespan (ExecutionStarted to the execution's end) per size: solid = ${ownLabel}; dashed = ${REFERENCE_LABEL} of the same pattern (5 s cases, 3 runs each); black = the customer's target.`,
    config: { type: 'line', data: { datasets }, options: baseOptions(axis('cases per execution', { type: 'logarithmic' }), axis('makespan (s)', { beginAtZero: true })) },
  };
}

function largestSize(records: readonly RunRecord[], pattern: string): number | undefined {
  const sizes = records.filter((r) => r.pattern === pattern).map((r) => r.size);
  return sizes.length === 0 ? undefined : Math.max(...sizes);
}

function concurrencyChart(records: readonly RunRecord[], series: readonly RunSeries[], patterns: readonly string[], ownLabel: string): ChartSpec {
  const datasets: Record<string, unknown>[] = [];
  for (const pattern of patterns) {
    const size = largestSize(records, pattern);
    const run = series.filter((s) => s.pattern === pattern && s.size === size).sort((a, b) => a.run - b.run)[0];
    if (!run) continue;
    const colour = colourOf(patterns, pattern);
    datasets.push({ label: `${pattern}, ${size} cases, run ${run.run}: tasks in flight (history)`, data: run.concurrency.map(([t, n]) => ({ x: t / 1000, y: n })), stepped: true, borderColor: colour, backgroundColor: colour, pointRadius: 0 });
    if (run.lambdaConcurrency) {
      datasets.push({ label: `${pattern}: Lambdas running (logs)`, data: run.lambdaConcurrency.map(([t, n]) => ({ x: t / 1000, y: n })), stepped: true, borderColor: colour, backgroundColor: colour, borderDash: [4, 3], pointRadius: 0 });
    }
  }
  return {
    id: 'concurrency',
    title: 'Concurrency over time, largest size',
    caption: `Cases whose task is in flight (TaskStarted to its end) from ExecutionStarted, first run of the largest size (${ownLabel}); dashed where the computing Lambda's logs give the invocations actually running.`,
    config: { type: 'line', data: { datasets }, options: baseOptions(axis('seconds since ExecutionStarted', { type: 'linear' }), axis('at once', { beginAtZero: true })) },
  };
}

/** Counts of case latencies in equal bins, shared by every pattern so the bars line up. */
export function histogram(valuesByPattern: ReadonlyMap<string, readonly number[]>, bins: number): { labels: string[]; counts: Map<string, number[]> } {
  const all = [...valuesByPattern.values()].flat();
  const max = Math.max(1, ...all);
  const width = max / bins;
  const labels = Array.from({ length: bins }, (_, i) => `${((i * width) / 1000).toFixed(1)}–${(((i + 1) * width) / 1000).toFixed(1)} s`);
  const counts = new Map<string, number[]>();
  for (const [pattern, values] of valuesByPattern) {
    const row = new Array<number>(bins).fill(0);
    for (const value of values) {
      const bin = Math.min(bins - 1, Math.floor(value / width));
      row[bin] = (row[bin] ?? 0) + 1;
    }
    counts.set(pattern, row);
  }
  return { labels, counts };
}

function latencyChart(records: readonly RunRecord[], series: readonly RunSeries[], patterns: readonly string[], ownLabel: string): ChartSpec {
  const values = new Map<string, number[]>();
  for (const pattern of patterns) {
    const size = largestSize(records, pattern);
    values.set(pattern, series.filter((s) => s.pattern === pattern && s.size === size).flatMap((s) => s.caseMs));
  }
  const { labels, counts } = histogram(values, 20);
  const datasets = patterns.map((pattern) => {
    const colour = colourOf(patterns, pattern);
    return { label: `${pattern}, ${largestSize(records, pattern)} cases, all runs`, data: counts.get(pattern) ?? [], backgroundColor: colour, borderColor: colour };
  });
  return {
    id: 'latency',
    title: 'Case latency distribution, largest size',
    caption: `Each case from its Map iteration's start to its task's end (the wait for a Map slot is not in it), over every run of the largest size (${ownLabel}).`,
    config: { type: 'bar', data: { labels, datasets }, options: baseOptions(axis('case latency'), axis('cases', { beginAtZero: true })) },
  };
}

const UNIT_LABELS: Record<(typeof COST_UNIT_KEYS)[number], string> = {
  stateTransitions: 'state transitions',
  lambdaRequests: 'Lambda requests',
  lambdaGbSeconds: 'Lambda GB-s',
  eventBridgeEvents: 'EventBridge events',
  xrayTraces: 'X-Ray traces',
  sqsRequests: 'SQS requests',
};
const UNIT_COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948'];

function costChart(records: readonly RunRecord[], patterns: readonly string[], pricesCheckedOn: string): ChartSpec {
  const labels = patterns.map((p) => `${p} (${largestSize(records, p)} cases)`);
  const datasets = COST_UNIT_KEYS.map((unit, i) => ({
    label: UNIT_LABELS[unit],
    data: patterns.map((pattern) => {
      const size = largestSize(records, pattern);
      const runs = records.filter((r) => r.pattern === pattern && r.size === size && r.size > 0);
      const perThousand = runs.map((r) => (r.costByUnitUsd[unit] / r.size) * 1000);
      return perThousand.length === 0 ? 0 : perThousand.reduce((a, b) => a + b, 0) / perThousand.length;
    }),
    backgroundColor: UNIT_COLOURS[i],
    stack: 'cost',
  }));
  return {
    id: 'cost',
    title: 'Cost per 1,000 cases, largest size',
    caption: `USD per 1,000 cases by billed unit, mean over the runs of the largest size; us-east-1 list prices checked ${pricesCheckedOn}, free tiers left out.`,
    config: { type: 'bar', data: { labels, datasets }, options: baseOptions(axis('pattern', { stacked: true }), axis('USD per 1,000 cases', { stacked: true, beginAtZero: true })) },
  };
}

export function buildCharts(props: { records: readonly RunRecord[]; aggregates: readonly SizeAggregate[]; series: readonly RunSeries[]; reference: Reference2022; ownLabel: string; pricesCheckedOn: string }): ChartSpec[] {
  const patterns = [...new Set(props.records.map((r) => r.pattern))];
  return [
    makespanChart(props.aggregates, patterns, props.reference, props.ownLabel),
    concurrencyChart(props.records, props.series, patterns, props.ownLabel),
    latencyChart(props.records, props.series, patterns, props.ownLabel),
    costChart(props.records, patterns, props.pricesCheckedOn),
  ];
}
