import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkRecord } from '../../src/report/record';
import { toCsv, writeResults } from '../../src/report/json-csv';
import { fixtureResults } from '../support/fixture-results';
import { tempDir } from '../support/datasets';

describe('results.json and results.csv', () => {
  const { results, series } = fixtureResults();
  const record = results.records[0]!;

  it('accepts the records a run writes', () => {
    expect(results.records.map(checkRecord)).toHaveLength(results.records.length);
  });

  it('refuses a record of the wrong shape, naming the field (a bench bug, not a file to write)', () => {
    expect(() => checkRecord({ ...record, makespanMs: -1 })).toThrow(/does not have the results\.json shape .*makespanMs/);
    expect(() => checkRecord({ ...record, costUsd: undefined })).toThrow(/costUsd/);
    expect(() => checkRecord({ ...record, extra: 1 })).toThrow(/extra/);
  });

  it('writes one CSV row per run, quoting what needs it, failures and units in their own columns', () => {
    // prepare
    const odd = { ...record, failuresByError: { ComputationFailed: 2, 'States.Timeout': 1 }, notes: ['a "quoted", note'] };
    // act
    const [header, row] = toCsv([odd]).trim().split('\n');
    // assert
    const columns = header!.split(',');
    expect(columns.slice(0, 5)).toEqual(['pattern', 'series', 'target', 'size', 'run']);
    expect(columns).toEqual(
      expect.arrayContaining(['makespanMs', 'peakConcurrency', 'p50CaseMs', 'p95CaseMs', 'historyEvents', 'costUsd', 'failuresByError', 'units.stateTransitions', 'costUsd.lambdaGbSeconds', 'units.expressGbSeconds', 'mapRunMs', 'mapRunItems.total', 'notes']),
    );
    expect(row).toContain(',ComputationFailed=2;States.Timeout=1,');
    expect(row!.endsWith(',"a ""quoted"", note"')).toBe(true);
  });

  it('leaves a figure that does not apply empty: the Map Run of an inline pattern, the fan-in and retries of distributed-map', () => {
    // prepare
    const inline = results.records.find((r) => r.pattern === 'map-in-parallel')!;
    const distributed = results.records.find((r) => r.series === 'distributed-map (batch 10)')!;
    // act
    const [header, ...rows] = toCsv([inline, distributed]).trim().split('\n');
    const columns = header!.split(',');
    const value = (row: number, column: string): string | undefined => rows[row]!.split(',')[columns.indexOf(column)];
    // assert
    expect([value(0, 'mapRunMs'), value(0, 'childExecutions'), value(0, 'mapRunItems.total')]).toEqual(['', '', '']);
    expect([value(1, 'fanInBytes'), value(1, 'retries'), value(1, 'maxItemsPerBatch'), value(1, 'itemSource')]).toEqual(['', '', '10', 'request']);
    expect(Number(value(1, 'childExecutions'))).toBeGreaterThan(0);
  });

  it('writes the three files, the JSON holding the records and the aggregates', () => {
    const dir = tempDir('bench-results-');
    try {
      writeResults(dir.path, results, results.records, results.aggregates, series);
      const written = JSON.parse(readFileSync(join(dir.path, 'results.json'), 'utf8'));
      expect(written.records).toEqual(results.records);
      expect(readFileSync(join(dir.path, 'results.csv'), 'utf8').trim().split('\n')).toHaveLength(results.records.length + 1);
      expect(JSON.parse(readFileSync(join(dir.path, 'series.json'), 'utf8'))).toHaveLength(series.length);
    } finally {
      dir.remove();
    }
  });
});
