import { createLogger } from '@fanout/lambda-log';
import { createSummaryHandler } from '../src/handler';

function setup() {
  const lines: string[] = [];
  const handler = createSummaryHandler({ logger: createLogger({ level: 'info', write: (l) => void lines.push(l) }) });
  return { handler, lines };
}

describe('summary handler', () => {
  it('returns the summary and logs it as one structured JSON line', async () => {
    // prepare
    const { handler, lines } = setup();
    const event = {
      requestId: 'r1',
      expectedCaseIds: ['0', '1'],
      results: [{ requestId: 'r1', request: { caseId: '0' }, durationMs: 40, state: 'SUCCEEDED' }, { requestId: 'r1', request: { caseId: '1' }, state: 'FAILED', error: 'ComputationFailed', cause: 'x' }],
    };

    // act
    const summary = await handler(event, { awsRequestId: 'l-1' });

    // assert
    expect(summary).toMatchObject({ requestId: 'r1', cases: 2, succeeded: 1, failed: 1, missing: [], duplicated: [] });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'info', message: 'summary', requestId: 'r1', awsRequestId: 'l-1', summary });
  });

  it('throws the ValidationError of a malformed input and logs it', async () => {
    // prepare
    const { handler, lines } = setup();

    // act
    const error = await handler({ requestId: 'r1', expectedCaseIds: 'all', results: [] }).catch((e: unknown) => e);

    // assert
    expect(error).toMatchObject({ name: 'ValidationError', message: expect.stringContaining('expectedCaseIds') });
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'error', issues: [{ path: 'expectedCaseIds' }] });
  });

  it('warns about cases that were not expected', async () => {
    // prepare
    const { handler, lines } = setup();

    // act
    await handler({ requestId: 'r1', expectedCaseIds: [], results: [{ requestId: 'r1', request: { caseId: 'z' }, durationMs: 1, state: 'SUCCEEDED' }] });

    // assert
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'warn', unexpected: ['z'], requestId: 'r1' });
  });
});
