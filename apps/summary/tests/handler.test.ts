import { createLogger } from '@fanout/lambda-log';
import { SUMMARY_MAX_FAILURES, type Summary } from '@fanout/shared-types';
import { LOGGED_ISSUES_MAX, createSummaryHandler } from '../src/handler';

function setup() {
  const lines: string[] = [];
  const published: Summary[] = [];
  const handler = createSummaryHandler({ logger: createLogger({ level: 'info', write: (l) => void lines.push(l) }), publishMetrics: (summary) => void published.push(summary) });
  return { handler, lines, published };
}

describe('summary handler', () => {
  it('returns the summary and logs it as one structured JSON line', async () => {
    // prepare
    const { handler, lines, published } = setup();
    const event = {
      requestId: 'r1',
      expectedCaseIds: ['0', '1'],
      results: [{ caseId: '0', durationMs: 40 }, { caseId: '1', error: 'ComputationFailed', cause: 'x' }],
    };

    // act
    const summary = await handler(event, { awsRequestId: 'l-1' });

    // assert
    expect(summary).toMatchObject({ requestId: 'r1', cases: 2, succeeded: 1, failed: 1, missing: [], duplicated: [] });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'info', message: 'summary', requestId: 'r1', awsRequestId: 'l-1', summary });
    expect(published).toEqual([summary]);
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

  it('keeps its one log line small however many cases failed', async () => {
    // prepare: 5,000 failures with long caseIds, error names and causes (each cut when listed)
    const { handler, lines } = setup();
    const results = Array.from({ length: 5_000 }, (_, i) => ({
      caseId: `case-${String(i).padStart(200, '0')}`,
      error: `E${i % 7}`.padEnd(256, 'x'),
      cause: 'c'.repeat(5_000),
    }));

    const expectedCaseIds = results.map((r) => r.caseId);

    // act
    const summary = await handler({ requestId: 'r1', expectedCaseIds, results });

    // assert
    expect(summary.failed).toBe(5_000);
    expect(summary.failures).toHaveLength(SUMMARY_MAX_FAILURES);
    expect(lines).toHaveLength(1);
    // worst case measured ~100 KB: 100 listed failures × (caseId + error ≤ 256 + cause ≤ 500)
    expect(Buffer.byteLength(lines[0] ?? '')).toBeLessThan(128 * 1024);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ message: 'summary', summary: { failed: 5_000, failuresByError: { [`E0`.padEnd(256, 'x')]: 715 } } });
  });

  it('logs a bounded sample of the issues of a very malformed input, and their count', async () => {
    // prepare
    const { handler, lines } = setup();
    const results = Array.from({ length: 1_000 }, () => ({ state: 'SUCCEEDED' }));

    // act
    await handler({ requestId: 'r1', expectedCaseIds: [], results }).catch(() => undefined);

    // assert
    const logged = JSON.parse(lines[0] ?? '') as { issueCount: number; issues: unknown[] };
    expect(logged.issueCount).toBe(3_000);
    expect(logged.issues).toHaveLength(LOGGED_ISSUES_MAX);
  });

  it('warns about cases that were not expected', async () => {
    // prepare
    const { handler, lines } = setup();

    // act
    await handler({ requestId: 'r1', expectedCaseIds: [], results: [{ caseId: 'z', durationMs: 1 }] });

    // assert
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'warn', unexpected: ['z'], requestId: 'r1' });
  });
});
