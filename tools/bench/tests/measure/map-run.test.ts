import { type MapRunObservation, childRuns, mapRunSpanMs } from '../../src/measure/map-run';
import { measureRun } from '../../src/measure/run-metrics';
import { recorded } from '../support/recorded';

describe('distributed-map measured without per-case history, on runs recorded from the local cloud', () => {
  it('with injected failures: every case found in the result files as the Summary counts it, each child timed from its StartDate', () => {
    // prepare
    const observation = recorded('distributed-map-10-failures');
    const injected = observation.dataset.cases.filter((c) => c.failure).length;
    // act
    const m = measureRun(observation);
    // assert: the children caught their cases' failures, so every child succeeded and recorded one outcome
    expect(injected).toBeGreaterThan(0);
    expect(m).toMatchObject({ status: 'FAILED', error: 'FailureThresholdExceeded', retries: null, peakConcurrency: 10 });
    expect(m.counts).toEqual({ succeeded: 10 - injected, failed: injected, missing: 0, duplicated: 0, source: 'summary' });
    expect(m.failuresByError).toEqual({ ComputationFailed: injected });
    expect(m.fanIn).toBeUndefined();
    expect(m.mapRun?.children.map((c) => [c.status, c.cases.length])).toEqual(Array.from({ length: 10 }, () => ['SUCCEEDED', 1]));
    expect(m.mapRun?.itemCounts).toMatchObject({ total: 10, succeeded: 10, failed: 0 });
    expect(m.caseMs).toHaveLength(10);
    expect(m.dispatchMs).toHaveLength(10);
    expect(Math.max(...m.caseMs)).toBeLessThan(m.makespanMs as number);
    expect(m.lambda).toMatchObject({ logs: 'complete', reported: 10, peakConcurrency: 10 });
    expect(m.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^no fan-in: the children’s results go through ResultWriter to S3/), expect.stringMatching(/^execution FAILED \(FailureThresholdExceeded\) after its Summary/)]));
  });

  it('without a Summary, counts the same cases from the result files', () => {
    // prepare: the same run as if Summarize had never ended
    const { error: _error, output: _output, ...observation } = recorded('distributed-map-10-failures');
    const summarize = observation.history.findIndex((e) => e.type === 'TaskStateEntered' && e.details['name'] === 'Summarize');
    const truncated = { ...observation, status: 'ABORTED', history: observation.history.slice(0, summarize) };
    // act
    const m = measureRun(truncated);
    // assert
    expect(m.counts).toEqual({ ...measureRun(recorded('distributed-map-10-failures')).counts, source: 'history' });
    expect(m.notes).toContain('no Summary (execution ABORTED): cases counted from the result files');
    expect(m.usage.summaryInvocations).toBe(0);
    expect(m.mapRun).toMatchObject({ s3Puts: 2, s3Gets: 0 });
  });

  it('a batch of 10 from an items object: 3 children for 25 cases, 25 Lambdas at once, and the S3 requests around them', () => {
    // act
    const m = measureRun(recorded('distributed-map-batch-10-25-items'));
    // assert
    expect(m.status).toBe('SUCCEEDED');
    expect(m.counts).toMatchObject({ succeeded: 25, failed: 0, missing: 0 });
    expect(m.mapRun?.children.map((c) => c.cases.length)).toEqual([10, 10, 5]);
    expect(m.peakConcurrency).toBe(3);
    expect(m.lambda.peakConcurrency).toBe(25);
    expect(m.caseMs).toHaveLength(25);
    // PUT: the items object, the result file and the manifest; GET: the ItemReader's read, then the Summary's manifest, result file and items object
    expect(m.mapRun).toMatchObject({ itemSource: 's3', resultFiles: 1, s3Puts: 3, s3Gets: 4 });
    expect(m.historyEvents).toBe(21);
    expect(m.mapRun?.spanMs).toBeLessThanOrEqual(m.makespanMs as number);
  });
});

describe('child executions from result files (hand-written, as AWS documents the entries)', () => {
  const at = (s: number): string => new Date(Date.UTC(2026, 11, 2, 10, 0, s)).toISOString();
  const files: MapRunObservation['resultFiles'] = [
    {
      key: 'results/r/SUCCEEDED_0.json',
      status: 'SUCCEEDED',
      entries: [{ Status: 'SUCCEEDED', Input: '{"BatchInput":{"requestId":"r"},"Items":[{"caseId":"0"},{"caseId":"1"}]}', Output: '[{"caseId":"0","durationMs":5000},{"caseId":"1","error":"ComputationFailed"}]', StartDate: at(0), StopDate: at(5) }],
    },
    { key: 'results/r/FAILED_0.json', status: 'FAILED', entries: [{ Status: 'TIMED_OUT', Error: 'States.Timeout', Input: '{"requestId":"r","request":{"caseId":"2"}}', StartDate: at(0), StopDate: at(300) }] },
    { key: 'results/r/PENDING_0.json', status: 'PENDING', entries: [{ Status: 'PENDING', Input: '{"requestId":"r","request":{"caseId":"3"}}' }, { Status: 'SUCCEEDED' }] },
  ];

  it('reads each child: a batch\u2019s outcomes, a failed child failing its cases with its error, a pending child ending none', () => {
    // act
    const { children, issues } = childRuns(files);
    // assert
    expect(children.map((c) => ({ status: c.status, cases: c.cases, outcomes: c.outcomes }))).toEqual([
      { status: 'SUCCEEDED', cases: ['0', '1'], outcomes: [{ caseId: '0' }, { caseId: '1', error: 'ComputationFailed' }] },
      { status: 'TIMED_OUT', cases: ['2'], outcomes: [{ caseId: '2', error: 'States.Timeout' }] },
      { status: 'PENDING', cases: ['3'], outcomes: [] },
    ]);
    expect(children[1]).toMatchObject({ startMs: Date.parse(at(0)), stopMs: Date.parse(at(300)) });
    expect(issues).toEqual([expect.stringMatching(/^results\/r\/PENDING_0\.json\[1\]: Input: /)]);
  });

  it('counts from them when there is no Summary: the pending case is missing', () => {
    // prepare
    const observation = recorded('distributed-map-10-failures');
    const history = observation.history.filter((e) => e.type === 'ExecutionStarted' || e.type.startsWith('MapRun'));
    // act
    const m = measureRun({ ...observation, dataset: { shape: 'flat', cases: ['0', '1', '2', '3'].map((caseId) => ({ caseId })) }, status: 'FAILED', history, mapRun: { resultFiles: files, notes: [] } });
    // assert
    expect(m.counts).toEqual({ succeeded: 1, failed: 2, missing: 1, duplicated: 0, source: 'history' });
    expect(m.failuresByError).toEqual({ ComputationFailed: 1, 'States.Timeout': 1 });
    expect(m.notes).toEqual(expect.arrayContaining(['1 child execution(s) TIMED_OUT: each of their cases failed with the child\u2019s error', '1 child execution(s) PENDING (never started: their cases are missing)']));
    expect(mapRunSpanMs(history)).toBeGreaterThan(0);
  });
});
