/**
 * report.html: one self-contained file (Chart.js inlined, the data inlined, no request to
 * anywhere), so it opens from disk or as an e-mail attachment.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PRICES, PRICE_REGION } from '../cost/prices';
import type { SizeAggregate } from '../measure/aggregate';
import { REFERENCE_LABEL, type Reference2022 } from '../reference/aws-2022';
import { type ChartSpec, buildCharts } from './chart-data';
import { seconds } from './format';
import type { ResultsMeta } from './json-csv';
import { customerTargetLine, ownRunsLabel } from './labels';
import type { RunRecord, RunSeries } from './record';
import { RESULT_COLUMNS, RESULT_WRITER_FAN_IN, resultRow } from './rows';

export interface ReportInput {
  meta: ResultsMeta;
  records: readonly RunRecord[];
  aggregates: readonly SizeAggregate[];
  series: readonly RunSeries[];
  reference: Reference2022;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * JavaScript made safe inside <script>: `</script` cannot close the element early once written
 * `<\/script` (the same text to JavaScript in a string, a regular expression or a comment).
 * `<!--` and `<script` would change how the HTML parser reads the rest, and no escape means
 * the same in every JavaScript context, so they are refused rather than guessed at.
 */
export function inlineScript(js: string): string {
  if (/<!--|<script/i.test(js)) throw new Error('inline script contains "<!--" or "<script", which cannot be embedded safely');
  return js.replace(/<\/script/gi, '<\\/script');
}

/** JSON as a JavaScript expression inside <script>: every `<` escaped, so no data can end the element. */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function chartJsSource(): string {
  const dist = dirname(require.resolve('chart.js'));
  return readFileSync(join(dist, 'chart.umd.min.js'), 'utf8');
}

const table = (head: readonly string[], rows: readonly (readonly string[])[]): string =>
  `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

function resultsTable(input: ReportInput): string {
  return table(RESULT_COLUMNS.map(([, long]) => long), input.aggregates.map((a) => resultRow(a, input.reference, true)));
}

function referenceTable(reference: Reference2022): string {
  const rows = Object.entries(reference.patterns).map(([pattern, p]) => [pattern, ...reference.sizes.map((_, i) => `${seconds(p.medianMs[i])} (${p.peakConcurrentLambdas[i] ?? '–'})`)]);
  return table(['pattern', ...reference.sizes.map((s) => `${s} cases`)], rows);
}

/** Each note once, with the runs it was made for: a note every run of a series shares reads once, not once a run. */
function notesList(records: readonly RunRecord[], warnings: readonly string[]): string {
  const runsOf = new Map<string, string[]>();
  const add = (note: string, r: RunRecord): void => void runsOf.set(note, [...(runsOf.get(note) ?? []), `${r.series} ${r.size} cases run ${r.run}`]);
  for (const r of records) {
    for (const note of r.notes) add(note, r);
    if (r.error) add(`execution ${r.status} with ${r.error}`, r);
  }
  const lines = [...new Set(warnings), ...[...runsOf].map(([note, runs]) => (runs.length === 1 ? `${runs[0]}: ${note}` : `${note} (${runs.length} runs: ${[...new Set(runs.map((r) => r.replace(/ \d+ cases run \d+$/, '')))].join(', ')})`))];
  return lines.length === 0 ? '<p>None.</p>' : `<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`;
}

function chartSection(spec: ChartSpec): string {
  return `<section class="chart"><h2>${escapeHtml(spec.title)}</h2><canvas id="chart-${spec.id}" width="960" height="440"></canvas><p class="caption">${escapeHtml(spec.caption)}</p></section>`;
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}h1{font-size:22px}h2{font-size:17px;margin-top:28px}
table{border-collapse:collapse;font-size:12px;margin:8px 0}th,td{border:1px solid #ccc;padding:3px 6px;text-align:right}th:first-child,td:first-child{text-align:left}
.labels span{display:inline-block;padding:2px 8px;margin-right:8px;border-radius:4px}.own{background:#e3eefa}.ref{background:#eee;border:1px dashed #888}
.caption{color:#555;font-size:12px;max-width:960px}canvas{border:1px solid #eee}`;

export function renderHtml(input: ReportInput): string {
  const { meta } = input;
  const ownLabel = ownRunsLabel(meta.target, meta.timeScale);
  const charts = buildCharts({ ...input, ownLabel, pricesCheckedOn: meta.pricesCheckedOn });
  const prices = table(['unit', 'price', 'source'], Object.values(PRICES).map((p) => [p.unit, p.published, p.source]));
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Fan-out bench ${escapeHtml(meta.runId)}</title><style>${STYLE}</style></head>
<body>
<h1>Fan-out bench — ${escapeHtml(meta.runId)}</h1>
<p>Target <b>${escapeHtml(meta.target)}</b>${meta.target === 'local' ? `, time scale ${meta.timeScale}× (every figure is in simulated AWS time)` : ''}; written ${escapeHtml(meta.createdAt)}. ${escapeHtml(customerTargetLine(input.reference))}.</p>
<p class="labels"><span class="own">${escapeHtml(ownLabel)}</span><span class="ref">${escapeHtml(REFERENCE_LABEL)} (AWS sample, 2022)</span></p>
${charts.map(chartSection).join('\n')}
<h2>Results (medians over the runs)</h2>
${resultsTable(input)}
<p class="caption">Makespan: ExecutionStarted to the execution's end. Ideal: inline Maps, ⌈cases ÷ 40⌉ waves of the compute time per Map (inline Map's concurrency); distributed-map, ⌈children ÷ min(MaxConcurrency, children)⌉ waves of a child's time (⌈its cases ÷ 40⌉ × the compute time) plus the start ramp of the first wave at 1,000 Express children a second. Peak at once: most case tasks started and not ended at once; for distributed-map, child executions running at once (their StartDate and StopDate in the result files) against MaxConcurrency. Case: Map iteration start to the task's end; for distributed-map, its child execution's start to the end of its Lambda invocation in the logs. History events against the 25,000-event limit (for distributed-map, the parent's: its children keep their own, Express ones none); fan-in: the fan-out state's output (what the Summary receives) against the 256 KiB state limit ("${escapeHtml(RESULT_WRITER_FAN_IN)}": distributed-map hands its results over in S3). Cost: counted units at ${escapeHtml(PRICE_REGION)} list prices (checked ${escapeHtml(meta.pricesCheckedOn)}), free tiers left out; a distributed-map run also pays its Express children (per request and GB-second) and S3 requests. – : a figure that does not apply.</p>
<h2>${escapeHtml(REFERENCE_LABEL)}</h2>
<p>Median makespan per size (peak concurrent Lambdas in brackets). ${escapeHtml(input.reference.source)}. Caveat: ${escapeHtml(input.reference.caveat)}</p>
${referenceTable(input.reference)}
<h2>Prices</h2>
${prices}
<h2>Notes</h2>
${notesList(input.records, meta.warnings)}
<script>${inlineScript(chartJsSource())}</script>
<script>
const CHARTS = ${inlineJson(charts)};
for (const spec of CHARTS) new Chart(document.getElementById('chart-' + spec.id), spec.config);
document.body.dataset.chartsReady = String(CHARTS.length);
</script>
</body></html>
`;
}
