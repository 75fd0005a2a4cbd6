/**
 * report.html: one self-contained file (Chart.js inlined, the data inlined, no request to
 * anywhere), so it opens from disk or as an e-mail attachment.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AWS_LIMITS } from '@fanout/shared-types';
import { PRICES, PRICE_REGION } from '../cost/prices';
import type { SizeAggregate } from '../measure/aggregate';
import { REFERENCE_LABEL, type Reference2022, reference2022Median } from '../reference/aws-2022';
import { type ChartSpec, buildCharts } from './chart-data';
import { count, kib, percent, seconds, usd } from './format';
import type { ResultsMeta } from './json-csv';
import { customerTargetLine, ownRunsLabel } from './labels';
import type { RunRecord, RunSeries } from './record';

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
  return table(
    ['pattern', 'cases', 'runs', 'makespan p50', 'makespan p95', 'ideal', `${REFERENCE_LABEL} p50`, 'peak in flight / ceiling', 'case p50', 'case p95', 'history events', 'fan-in', 'failed', 'missing', 'cost / run', 'cost / 1,000 cases'],
    input.aggregates.map((a) => [
      a.pattern,
      count(a.size),
      String(a.runs),
      seconds(a.medianMakespanMs),
      seconds(a.p95MakespanMs),
      seconds(a.idealMakespanMs),
      seconds(reference2022Median(input.reference, a.pattern, a.size)),
      `${count(a.medianPeakConcurrency)} / ${count(a.concurrencyCeiling)}`,
      seconds(a.medianP50CaseMs, 2),
      seconds(a.medianP95CaseMs, 2),
      a.medianHistoryEvents === null ? '–' : `${count(a.medianHistoryEvents)} (${percent(a.medianHistoryEvents / AWS_LIMITS.historyEvents)} of 25,000)`,
      a.medianFanInBytes === null ? '–' : `${kib(a.medianFanInBytes)} (${percent(a.medianFanInBytes / AWS_LIMITS.sfnPayloadBytes)} of 256 KiB)`,
      count(a.failed),
      count(a.missing),
      usd(a.medianCostUsd),
      usd(a.medianCostPer1000CasesUsd),
    ]),
  );
}

function referenceTable(reference: Reference2022): string {
  const rows = Object.entries(reference.patterns).map(([pattern, p]) => [pattern, ...reference.sizes.map((_, i) => `${seconds(p.medianMs[i])} (${p.peakConcurrentLambdas[i] ?? '–'})`)]);
  return table(['pattern', ...reference.sizes.map((s) => `${s} cases`)], rows);
}

function notesList(records: readonly RunRecord[], warnings: readonly string[]): string {
  const lines = [...warnings, ...records.flatMap((r) => r.notes.map((n) => `${r.pattern} ${r.size} cases run ${r.run}: ${n}`)), ...records.filter((r) => r.error).map((r) => `${r.pattern} ${r.size} cases run ${r.run}: execution ${r.status} with ${r.error}`)];
  return lines.length === 0 ? '<p>None.</p>' : `<ul>${[...new Set(lines)].map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`;
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
<p class="caption">Makespan: ExecutionStarted to the execution's end. Ideal: ⌈cases ÷ 40⌉ waves of the compute time per Map (inline Map's concurrency). Peak in flight: most case tasks started and not ended at once. Case: Map iteration start to the task's end. History events against the 25,000-event limit; fan-in: the fan-out state's output (what the Summary receives) against the 256 KiB state limit. Cost: counted units at ${escapeHtml(PRICE_REGION)} list prices (checked ${escapeHtml(meta.pricesCheckedOn)}), free tiers left out.</p>
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
