/**
 * The report as a person sees it: rendered from fixture results, opened from disk in headless
 * Chromium, every chart drawn with its data. The report and its screenshot are kept in
 * tools/bench/test-output/ to look at. Skips, saying so, where no Chromium is installed
 * (apt-get install -y chromium); CI has it.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findChromium, renderReport } from '../../src/report/browser';
import { renderHtml } from '../../src/report/html';
import { reference2022 } from '../../src/reference/aws-2022';
import { fixtureResults } from '../support/fixture-results';

jest.setTimeout(90_000);

const executable = findChromium();
if (!executable) console.warn('report/browser.test.ts skipped: no Chromium at /usr/bin/chromium (apt-get install -y chromium) and no BENCH_CHROMIUM');
const withChromium = executable ? describe : describe.skip;

withChromium('report.html in headless Chromium', () => {
  const out = join(__dirname, '..', '..', 'test-output');
  const html = join(out, 'report.html');
  const png = join(out, 'report.png');

  beforeAll(() => {
    // prepare
    const { results, series } = fixtureResults();
    rmSync(png, { force: true });
    mkdirSync(out, { recursive: true });
    writeFileSync(html, renderHtml({ meta: results, records: results.records, aggregates: results.aggregates, series, reference: reference2022() }));
  });

  it('draws every chart with its data, asks for nothing but the file, and keeps a screenshot beside the report', async () => {
    // act
    const { charts, requests } = await renderReport(html, png, executable as string);
    // assert
    expect(requests).toEqual([pathToFileURL(html).href]);
    expect(existsSync(png)).toBe(true);
    expect(charts.map((c) => [c.id, c.type])).toEqual([
      ['chart-makespan', 'line'],
      ['chart-concurrency', 'line'],
      ['chart-latency', 'bar'],
      ['chart-cost', 'bar'],
    ]);
    for (const chart of charts) {
      expect(chart.points.length).toBeGreaterThan(0);
      expect(chart.points.every((n) => n > 0)).toBe(true);
      // A blank canvas paints nothing; axes, legend and data paint tens of thousands of pixels.
      expect(chart.paintedPixels).toBeGreaterThan(20_000);
    }
  });
});
