import { SUMMARY_METRICS } from '@fanout/shared-types';
import { createMetricsWriter, metricsDocument, stateMachineNameFromEnv } from '../src/metrics';
import { summarise } from '../src/summarise';

describe('summary metrics (embedded metric format)', () => {
  const { summary } = summarise({
    requestId: 'r1',
    expectedCaseIds: ['0', '1', '2', '3', '3'],
    results: [
      { caseId: '0', durationMs: 5 },
      { caseId: '1', error: 'ComputationFailed' },
      { caseId: '1', error: 'ComputationFailed' },
    ],
  });

  it('declares the four counts as Count metrics of the one dimension, with their values as top-level fields', () => {
    // act
    const document = metricsDocument(summary, 'fanout-map-in-parallel', 1_700_000_000_000);

    // assert
    expect(document).toEqual({
      _aws: {
        Timestamp: 1_700_000_000_000,
        CloudWatchMetrics: [
          {
            Namespace: SUMMARY_METRICS.namespace,
            Dimensions: [['StateMachineName']],
            Metrics: [
              { Name: 'CasesSucceeded', Unit: 'Count' },
              { Name: 'CasesFailed', Unit: 'Count' },
              { Name: 'CasesMissing', Unit: 'Count' },
              { Name: 'CasesDuplicated', Unit: 'Count' },
            ],
          },
        ],
      },
      StateMachineName: 'fanout-map-in-parallel',
      requestId: 'r1',
      CasesSucceeded: 1,
      CasesFailed: 1,
      CasesMissing: 2,
      CasesDuplicated: 2,
    });
  });

  it('writes one JSON line per summary, named by FANOUT_STATE_MACHINE_NAME', () => {
    // prepare
    const lines: string[] = [];
    const write = createMetricsWriter({ stateMachineName: stateMachineNameFromEnv({ FANOUT_STATE_MACHINE_NAME: 'sm-a' }), write: (l) => void lines.push(l), now: () => 42 });

    // act
    write(summary);

    // assert
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ _aws: { Timestamp: 42 }, StateMachineName: 'sm-a' });
    expect(stateMachineNameFromEnv({})).toBe('unknown');
  });
});
