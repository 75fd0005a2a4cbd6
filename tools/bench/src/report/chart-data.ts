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

/** A series' pattern (the variant "distributed-map (batch 10)" is distributed-map's). */
const patternOf = (records: readonly { series: string; pattern: string }[], series: string): string => records.find((r) => r.series === series)?.pattern ?? series;

function makespanChart(aggregates: readonly SizeAggregate[], seriesList: readonly string[], reference: Reference2022, ownLabel: string): ChartSpec {
  const sizes = [...new Set(aggregates.map((a) => a.size))].sort((a, b) => a - b);
  const minSize = Math.min(...sizes, ...reference.sizes);
  const maxSize = Math.max(...sizes);
  const datasets: Record<string, unknown>[] = [];
  const drawn = new Set<string>();
  for (const series of seriesList) {
    const colour = colourOf(seriesList, series);
    const points = aggregates.filter((a) => a.series === series && a.medianMakespanMs !== null).map((a) => ({ x: a.size, y: (a.medianMakespanMs as number) / 1000 }));
    datasets.push({ label: `${series} — ${ownLabel}`, data: points, borderColor: colour, backgroundColor: colour, pointRadius: 4 });
    const pattern = patternOf(aggregates, series);
    const ref = reference.patterns[pattern];
    if (ref && !drawn.has(pattern)) {
      drawn.add(pattern);
      const refPoints = reference.sizes.map((size, i) => ({ x: size, y: (ref.medianMs[i] ?? 0) / 1000 })).filter((p) => p.x <= Math.max(maxSize, 1));
      datasets.push({ label: `${pattern} — ${REFERENCE_LABEL}`, data: refPoints, borderColor: colour, backgroundColor: colour, borderDash: [6, 4], pointStyle: 'triangle', pointRadius: 3 });
    }
  }
  const baseline = reference.patterns[BASELINE_2022_PATTERN];
  if (baseline && !seriesList.includes(BASELINE_2022_PATTERN)) {
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
    caption: `Median makespan (ExecutionStarted to the execution's end) per size: solid = ${ownLabel}; dashed = ${REFERENCE_LABEL} of the same pattern (5 s cases, 3 runs each; none for distributed-map, which 2022 predates); black = the customer's target.`,
    config: { type: 'line', data: { datasets }, options: baseOptions(axis('cases per execution', { type: 'logarithmic' }), axis('makespan (s)', { beginAtZero: true })) },
  };
}

function largestSize(records: readonly RunRecord[], series: string): number | undefined {
  const sizes = records.filter((r) => r.series === series).map((r) => r.size);
  return sizes.length === 0 ? undefined : Math.max(...sizes);
}

/** The largest size every series ran, so their costs compare like for like; else each series' largest. */
function commonSize(records: readonly RunRecord[], seriesList: readonly string[]): (series: string) => number | undefined {
  const sets = seriesList.map((s) => new Set(records.filter((r) => r.series === s).map((r) => r.size)));
  const shared = [...(sets[0] ?? [])].filter((size) => sets.every((set) => set.has(size)));
  return shared.length > 0 ? () => Math.max(...shared) : (series) => largestSize(records, series);
}

function concurrencyChart(records: readonly RunRecord[], series: readonly RunSeries[], seriesList: readonly string[], ownLabel: string): ChartSpec {
  const datasets: Record<string, unknown>[] = [];
  for (const name of seriesList) {
    const size = largestSize(records, name);
    const run = series.filter((s) => s.series === name && s.size === size).sort((a, b) => a.run - b.run)[0];
    if (!run) continue;
    const colour = colourOf(seriesList, name);
    const what = records.find((r) => r.series === name)?.childExecutions === null ? 'tasks in flight (history)' : 'child executions running (result files)';
    datasets.push({ label: `${name}, ${size} cases, run ${run.run}: ${what}`, data: run.concurrency.map(([t, n]) => ({ x: t / 1000, y: n })), stepped: true, borderColor: colour, backgroundColor: colour, pointRadius: 0 });
    if (run.lambdaConcurrency) {
      datasets.push({ label: `${name}: Lambdas running (logs)`, data: run.lambdaConcurrency.map(([t, n]) => ({ x: t / 1000, y: n })), stepped: true, borderColor: colour, backgroundColor: colour, borderDash: [4, 3], pointRadius: 0 });
    }
  }
  return {
    id: 'concurrency',
    title: 'Concurrency over time, largest size',
    caption: `From ExecutionStarted, first run of each series' largest size (${ownLabel}): cases whose task is in flight (TaskStarted to its end), or for distributed-map its child executions running (StartDate to StopDate in the ResultWriter's files); dashed where the computing Lambda's logs give the invocations actually running.`,
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

function latencyChart(records: readonly RunRecord[], series: readonly RunSeries[], seriesList: readonly string[], ownLabel: string): ChartSpec {
  const values = new Map<string, number[]>();
  for (const name of seriesList) {
    const size = largestSize(records, name);
    values.set(name, series.filter((s) => s.series === name && s.size === size).flatMap((s) => s.caseMs));
  }
  const { labels, counts } = histogram(values, 20);
  const datasets = seriesList.map((name) => {
    const colour = colourOf(seriesList, name);
    return { label: `${name}, ${largestSize(records, name)} cases, all runs`, data: counts.get(name) ?? [], backgroundColor: colour, borderColor: colour };
  });
  return {
    id: 'latency',
    title: 'Case latency distribution, largest size',
    caption: `Each case from its Map iteration's start to its task's end (the wait for a Map slot is not in it), or for distributed-map from its child execution's start to the end of its Lambda invocation (logs), over every run of each series' largest size (${ownLabel}).`,
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
  expressRequests: 'Express requests',
  expressGbSeconds: 'Express GB-s',
  s3PutRequests: 'S3 PUT requests',
  s3GetRequests: 'S3 GET requests',
};
const UNIT_COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

function costChart(records: readonly RunRecord[], seriesList: readonly string[], pricesCheckedOn: string): ChartSpec {
  const sizeOf = commonSize(records, seriesList);
  const labels = seriesList.map((s) => `${s} (${sizeOf(s)} cases)`);
  const datasets = COST_UNIT_KEYS.map((unit, i) => ({
    label: UNIT_LABELS[unit],
    data: seriesList.map((name) => {
      const size = sizeOf(name);
      const runs = records.filter((r) => r.series === name && r.size === size && r.size > 0);
      const perThousand = runs.map((r) => (r.costByUnitUsd[unit] / r.size) * 1000);
      return perThousand.length === 0 ? 0 : perThousand.reduce((a, b) => a + b, 0) / perThousand.length;
    }),
    backgroundColor: UNIT_COLOURS[i],
    stack: 'cost',
  }));
  return {
    id: 'cost',
    title: 'Cost per 1,000 cases, by series',
    caption: `USD per 1,000 cases by billed unit, mean over the runs of the largest size every series ran (each series' largest where they share none); us-east-1 list prices checked ${pricesCheckedOn}, free tiers left out.`,
    config: { type: 'bar', data: { labels, datasets }, options: baseOptions(axis('series', { stacked: true }), axis('USD per 1,000 cases', { stacked: true, beginAtZero: true })) },
  };
}

export function buildCharts(props: { records: readonly RunRecord[]; aggregates: readonly SizeAggregate[]; series: readonly RunSeries[]; reference: Reference2022; ownLabel: string; pricesCheckedOn: string }): ChartSpec[] {
  const seriesList = [...new Set(props.records.map((r) => r.series))];
  return [
    makespanChart(props.aggregates, seriesList, props.reference, props.ownLabel),
    concurrencyChart(props.records, props.series, seriesList, props.ownLabel),
    latencyChart(props.records, props.series, seriesList, props.ownLabel),
    costChart(props.records, seriesList, props.pricesCheckedOn),
  ];
}
