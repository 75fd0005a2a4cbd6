import { buildCharts, histogram } from '../../src/report/chart-data';
import { escapeHtml, inlineJson, inlineScript, renderHtml } from '../../src/report/html';
import { reference2022 } from '../../src/reference/aws-2022';
import { renderTable } from '../../src/report/table';
import { fixtureResults } from '../support/fixture-results';

const { results, series } = fixtureResults();
const input = { meta: results, records: results.records, aggregates: results.aggregates, series, reference: reference2022() };

describe('report.html', () => {
  it('is one self-contained file: no external script, stylesheet, image or font', () => {
    const html = renderHtml(input);
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html.replace(/<script>[\s\S]*?<\/script>/g, '')).not.toMatch(/<link|<img|<iframe|@import|url\(/i);
    expect(html).toContain('Chart.js v4'); // Chart.js itself, inlined
    expect(html.match(/<canvas id="chart-/g)).toHaveLength(4);
  });

  it('labels the bench own runs apart from the 2022 measurements, with the 2022 source and caveat', () => {
    const aws = renderHtml({ ...input, meta: { ...results, target: 'aws', timeScale: 1 } });
    expect(aws).toContain('<span class="own">AWS runs</span><span class="ref">AWS 2022 measurements');
    expect(aws).toContain('not a formal AWS performance indicator');
    const local = renderHtml({ ...input, meta: { ...results, target: 'local', timeScale: 10 } });
    expect(local).toContain('<span class="own">local simulated runs (time scale 10×)</span>');
    expect(local).toContain('every figure is in simulated AWS time');
  });

  it('lists a note every run of a series shares once, with the series it was made for', () => {
    const html = renderHtml(input);
    expect(html.match(/no fan-in: the children’s results go through ResultWriter to S3/g)).toHaveLength(1);
    expect(html).toMatch(/ResultWriter to S3 \(the record’s resultWriter names the manifest\) \(12 runs: distributed-map, distributed-map \(batch 10\)\)/);
  });

  it('cannot be broken by text that closes a script or opens markup', () => {
    // prepare: an error text as a target could send it
    const hostile = { ...results.records[0]!, error: '</script><script>alert(1)</script>', notes: ['<img src=x onerror=alert(1)>'] };
    // act
    const html = renderHtml({ ...input, records: [hostile, ...results.records.slice(1)] });
    // assert: only Chart.js and the chart script open a <script>
    expect(html.match(/<script>/g)).toHaveLength(2);
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<img');
  });

  it('escapes script and data safely', () => {
    expect(inlineScript('var a = "</script>"; var b = /<\\/SCRIPT>/;')).toBe('var a = "<\\/script>"; var b = /<\\/SCRIPT>/;');
    expect(() => inlineScript('var a = "<!--";')).toThrow(/cannot be embedded safely/);
    expect(inlineJson({ a: '</script>' })).toBe('{"a":"\\u003c/script>"}');
    expect(JSON.parse(inlineJson({ a: '</script>\u2028' }))).toEqual({ a: '</script>\u2028' });
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('chart data', () => {
  const charts = buildCharts({ ...input, ownLabel: 'AWS runs', pricesCheckedOn: '2026-12-02' });
  const byId = new Map(charts.map((c) => [c.id, c]));

  it('puts our medians of every series, the 2022 medians and the customer target on the makespan axes', () => {
    const labels = byId.get('makespan')!.config.data.datasets.map((d) => d['label']);
    expect(labels).toEqual([
      'map-in-parallel — AWS runs',
      'map-in-parallel — AWS 2022 measurements',
      'map-eventbridge-callback — AWS runs',
      'map-eventbridge-callback — AWS 2022 measurements',
      'distributed-map — AWS runs',
      'distributed-map (batch 10) — AWS runs',
      'map-iterator (plain inline Map) — AWS 2022 measurements',
      "customer's target: 1000 cases within 100 s",
    ]);
    const target = byId.get('makespan')!.config.data.datasets[7]!['data'] as { x: number; y: number }[];
    expect(target.every((p) => p.y === 100)).toBe(true);
  });

  it('draws concurrency over time for the largest size (distributed-map\u2019s children from the result files), and the cost by unit of every series', () => {
    const concurrency = byId.get('concurrency')!.config.data.datasets;
    expect(concurrency.map((d) => d['label'])).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^map-in-parallel, 100 cases, run 1: tasks in flight/),
        expect.stringMatching(/^map-eventbridge-callback, 100 cases, run 1/),
        'distributed-map, 100 cases, run 1: child executions running (result files)',
        'distributed-map (batch 10), 100 cases, run 1: child executions running (result files)',
        'distributed-map (batch 10): Lambdas running (logs)',
      ]),
    );
    const cost = byId.get('cost')!.config;
    expect(cost.data.labels).toEqual(['map-in-parallel (100 cases)', 'map-eventbridge-callback (100 cases)', 'distributed-map (100 cases)', 'distributed-map (batch 10) (100 cases)']);
    expect(cost.data.datasets.map((d) => d['label'])).toEqual(expect.arrayContaining(['EventBridge events', 'Express requests', 'Express GB-s', 'S3 PUT requests', 'S3 GET requests']));
    const express = cost.data.datasets.find((d) => d['label'] === 'Express GB-s')!['data'] as number[];
    expect(express.slice(0, 2)).toEqual([0, 0]);
    expect(express[3]).toBeLessThan(express[2]!);
  });

  it('bins case latencies on bins shared by every pattern', () => {
    const { labels, counts } = histogram(new Map([['a', [0, 500, 1000]], ['b', [250]]]), 4);
    expect(labels).toEqual(['0.0–0.3 s', '0.3–0.5 s', '0.5–0.8 s', '0.8–1.0 s']);
    expect(counts.get('a')).toEqual([1, 0, 1, 1]);
    expect(counts.get('b')).toEqual([0, 1, 0, 0]);
  });
});

describe('the terminal table', () => {
  it('shows one row per series and size, the 2022 median beside ours, and ResultWriter for distributed-map\u2019s fan-in', () => {
    const table = renderTable(results.aggregates, reference2022(), 'local', 100).split('\n');
    expect(table[0]).toMatch(/^local simulated runs \(time scale 100×\): medians over the runs; "2022 p50" = AWS 2022 measurements/);
    expect(table).toHaveLength(3 + 12);
    expect(table.find((l) => l.startsWith('map-in-parallel') && / 100 /.test(l))).toMatch(/33\.6 s/);
    const batched = table.find((l) => l.startsWith('distributed-map (batch 10)') && / 100 /.test(l));
    expect(batched).toMatch(/10\/1,000 ch .* ResultWriter: S3 /);
  });
});
