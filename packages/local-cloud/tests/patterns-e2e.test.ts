import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { historyEvents, patternCeilings } from '@fanout/shared-types';

interface PatternRun {
  status: string;
  error?: string;
  cause?: string;
  summary?: {
    cases: number;
    succeeded: number;
    failed: number;
    missing: string[];
    duplicated: string[];
    failures: { caseId: string; error: string }[];
    failuresByError: Record<string, number>;
  };
  eventTypes: Record<string, number>;
  /** Events in the execution's history. */
  events: number;
}

interface E2eResults {
  mapInParallel: PatternRun;
  mapInParallelTwoSlots: PatternRun;
  mapInParallelFourSlots: PatternRun;
  mapInParallelNoTolerance: PatternRun;
  mapInParallelAtCeiling: PatternRun;
  mapInParallelPastCeiling: PatternRun;
  callback: PatternRun;
  callbackEmpty: PatternRun;
  callbackLostEvent: PatternRun;
  callbackNoTolerance: PatternRun;
  callbackAtCeiling: PatternRun;
  callbackPastCeiling: PatternRun;
  deliveries: number;
  callbackErrors: string[];
}

let results: E2eResults;
let dir: string;

beforeAll(() => {
  // prepare / act: the scenario runs in its own Node process (see e2e/run-patterns.ts)
  dir = mkdtempSync(join(tmpdir(), 'patterns-e2e-'));
  const out = join(dir, 'results.json');
  const run = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), join(__dirname, 'e2e', 'run-patterns.ts'), out], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`run-patterns exited ${run.status}:\n${run.stderr}\n${run.stdout}`);
  results = JSON.parse(readFileSync(out, 'utf8')) as E2eResults;
}, 130_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const expectedFailures = { ComputationFailed: 1, ValidationError: 1 };

describe('map-in-parallel: infra definition, real bundles, local engine', () => {
  it('computes every case and still summarises the two failed ones', () => {
    const { status, summary, eventTypes } = results.mapInParallel;
    expect(status).toBe('SUCCEEDED');
    expect(summary).toMatchObject({ cases: 10, succeeded: 8, failed: 2, missing: [], duplicated: [], failuresByError: expectedFailures });
    expect(summary?.failures.map((f) => f.caseId)).toEqual(['4', '7']);
    expect(eventTypes['ParallelStateStarted']).toBe(1);
    expect(eventTypes['MapStateStarted']).toBe(3);
    expect(eventTypes['TaskSucceeded']).toBe(8 + 1); // 8 computed cases + the summary
    expect(eventTypes['TaskFailed']).toBe(2); // not retried: deterministic failures
    // The history the ceilings in shared-types are computed from: 7 events per computed case, 11 per recorded failure.
    expect(results.mapInParallel.events).toBe(historyEvents('map-in-parallel', { succeeded: 8, failed: 2 }, 3));
  });

  it('fails the execution when more cases failed than it tolerates, after the summary ran', () => {
    const run = results.mapInParallelNoTolerance;
    expect(run).toMatchObject({ status: 'FAILED', error: 'FailureThresholdExceeded' });
    expect(run.cause).toContain('2 of the cases of request strict did not finish (2 failed, 0 missing): 20%, above the 0% tolerated');
    expect(run.eventTypes['TaskSucceeded']).toBe(8 + 1);
  });

  it('carries exactly the ceiling shared-types states, and fails one case past it on the history limit', () => {
    const ceiling = patternCeilings('map-in-parallel', { slots: 3 });
    expect(ceiling.bindingLimit).toBe('history');
    expect(results.mapInParallelAtCeiling).toMatchObject({ status: 'SUCCEEDED', summary: { cases: ceiling.maxCases, succeeded: ceiling.maxCases } });
    expect(results.mapInParallelAtCeiling.events).toBe(historyEvents('map-in-parallel', { succeeded: ceiling.maxCases }, 3));
    expect(results.mapInParallelAtCeiling.events).toBeLessThanOrEqual(25_000);
    expect(results.mapInParallelPastCeiling).toMatchObject({ status: 'FAILED', error: 'States.Runtime', events: 25_000 });
  });

  it('refuses a request split for another slot count before computing anything', () => {
    for (const run of [results.mapInParallelTwoSlots, results.mapInParallelFourSlots]) {
      expect(run).toMatchObject({ status: 'FAILED', error: 'SlotCountMismatch' });
      expect(run.eventTypes['TaskScheduled']).toBeUndefined();
    }
  });
});

describe('map-eventbridge-callback: infra definition, real bundles, real SDK calls to the endpoint', () => {
  it('answers every token, counts a twice-delivered case once, and summarises the failures', () => {
    const { status, summary, eventTypes } = results.callback;
    expect(status).toBe('SUCCEEDED');
    expect(summary).toMatchObject({ cases: 10, succeeded: 8, failed: 2, missing: [], duplicated: [], failuresByError: expectedFailures });
    expect(eventTypes['TaskSubmitted']).toBe(10);
    // 10 + 1 duplicate (callback), 0 (empty), 9 + 1 duplicate (lost event): the duplicates were
    // really delivered, and compute-callback swallowed the closed-token answer they got.
    expect(results.deliveries).toBe(21);
    expect(results.callbackErrors).toEqual([]);
    // 8 events per computed case, 12 per recorded failure; the refused duplicate adds none.
    expect(results.callback.events).toBe(historyEvents('map-eventbridge-callback', { succeeded: 8, failed: 2 }));
  });

  it('fails the execution when more cases failed than it tolerates, after the summary ran', () => {
    expect(results.callbackNoTolerance).toMatchObject({ status: 'FAILED', error: 'FailureThresholdExceeded' });
  });

  it('carries exactly the ceiling shared-types states, and fails one case past it on the history limit', () => {
    const ceiling = patternCeilings('map-eventbridge-callback');
    expect(results.callbackAtCeiling).toMatchObject({ status: 'SUCCEEDED', summary: { cases: ceiling.maxCases, succeeded: ceiling.maxCases } });
    expect(results.callbackAtCeiling.events).toBe(historyEvents('map-eventbridge-callback', { succeeded: ceiling.maxCases }));
    expect(results.callbackPastCeiling).toMatchObject({ status: 'FAILED', error: 'States.Runtime', events: 25_000 });
  });

  it('summarises an empty request', () => {
    expect(results.callbackEmpty.status).toBe('SUCCEEDED');
    expect(results.callbackEmpty.summary).toMatchObject({ cases: 0, succeeded: 0, failed: 0, missing: [] });
  });

  it('times out a lost event at the callback timeout and records it as a failed case', () => {
    const { status, summary } = results.callbackLostEvent;
    expect(status).toBe('SUCCEEDED');
    expect(summary).toMatchObject({ cases: 10, succeeded: 7, failed: 3, failuresByError: { ...expectedFailures, 'States.Timeout': 1 } });
    expect(summary?.failures).toContainEqual({ caseId: '9', error: 'States.Timeout' });
    expect(results.callbackLostEvent.events).toBe(historyEvents('map-eventbridge-callback', { succeeded: 7, failed: 3 }));
  });
});
