import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultsFile } from '../../src/report/json-csv';
import type { RunSeries } from '../../src/report/record';

/** results.json and series.json recorded from a run against the fake AWS (see record-fixtures.ts). */
export function fixtureResults(): { results: ResultsFile; series: RunSeries[] } {
  const dir = join(__dirname, '..', 'fixtures', 'results');
  return {
    results: JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ResultsFile,
    series: JSON.parse(readFileSync(join(dir, 'series.json'), 'utf8')) as RunSeries[],
  };
}
