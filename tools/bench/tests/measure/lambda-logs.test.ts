import { parseInvocations, reported } from '../../src/measure/lambda-logs';
import { CALLBACK_LOGS } from '../support/aws-history';

const T0 = 1_796_000_000_000;

describe('Lambda invocations from CloudWatch log lines', () => {
  // act
  const invocations = parseInvocations(CALLBACK_LOGS);

  it('reads the JSON log format: platform.start time, platform.report metrics, the handler line caseId', () => {
    expect(invocations.find((i) => i.requestId === 'L0')).toEqual({ requestId: 'L0', caseId: '0', startMs: T0 + 105, durationMs: 4990, billedDurationMs: 4990, memoryMb: 256, initDurationMs: 180.2 });
  });

  it('reads the plain-text START and REPORT lines too', () => {
    expect(invocations.find((i) => i.requestId === 'L1')).toEqual({ requestId: 'L1', caseId: '1', startMs: T0 + 1155, durationMs: 4990, billedDurationMs: 4990, memoryMb: 256 });
  });

  it('counts as reported only invocations whose REPORT line arrived', () => {
    const withoutReport = parseInvocations([...CALLBACK_LOGS, { timestamp: T0 + 9000, message: 'START RequestId: L2 Version: $LATEST' }]);
    expect(withoutReport).toHaveLength(3);
    expect(reported(withoutReport).map((i) => i.requestId)).toEqual(['L0', 'L1']);
  });

  it('ignores lines that are neither platform records nor handler lines with a caseId', () => {
    expect(parseInvocations([{ timestamp: 0, message: 'INIT_START Runtime Version: nodejs:22.v40' }, { timestamp: 0, message: '{"level":"info","message":"no ids"}' }, { timestamp: 0, message: '{broken' }])).toEqual([]);
  });
});
