import { createLogger } from '@fanout/lambda-log';
import { createTracer } from '@fanout/tracing';
import { createComputeDirectHandler } from '../src/handler';

function setup(defaultDurationMs = 1) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'debug', write: (l) => void lines.push(JSON.parse(l) as Record<string, unknown>) });
  const handler = createComputeDirectHandler({ logger, tracer: createTracer({ logger, isActive: () => false }), defaultDurationMs: () => defaultDurationMs });
  return { handler, lines };
}

describe('compute-direct handler', () => {
  it('returns the ComputeResult and logs requestId and caseId on every line', async () => {
    // prepare
    const { handler, lines } = setup();

    // act
    const result = await handler({ requestId: 'r1', request: { caseId: '7', durationMs: 2 } }, { awsRequestId: 'lambda-1' });

    // assert
    expect(result).toMatchObject({ requestId: 'r1', request: { caseId: '7', durationMs: 2 }, state: 'SUCCEEDED' });
    expect(result.durationMs).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatchObject({ requestId: 'r1', caseId: '7', awsRequestId: 'lambda-1' });
  });

  it('uses the default duration for a seed case (only caseId)', async () => {
    // prepare
    const { handler } = setup(15);

    // act
    const result = await handler({ requestId: 'r1', request: { caseId: '0' } });

    // assert
    expect(result.durationMs).toBeGreaterThanOrEqual(14);
  });

  it("throws an error named after the case's failure, so Retry/Catch can match it", async () => {
    // prepare
    const { handler, lines } = setup();

    // act
    const injected = await handler({ requestId: 'r1', request: { caseId: '3', durationMs: 1, failure: { error: 'DiskFull', cause: 'no space' } } }).catch((e: unknown) => e);
    const byDefault = await handler({ requestId: 'r1', request: { caseId: '4', durationMs: 1, failure: { error: 'ComputationFailed' } } }).catch((e: unknown) => e);

    // assert
    expect(injected).toMatchObject({ name: 'DiskFull', message: 'no space' });
    expect(byDefault).toMatchObject({ name: 'ComputationFailed' });
    expect(lines.some((l) => l['level'] === 'warn' && l['caseId'] === '3')).toBe(true);
  });

  it('throws a stack of one line for Step Functions, and logs the full error with requestId and caseId', async () => {
    // prepare
    const { handler, lines } = setup();

    // act
    const error = (await handler({ requestId: 'r1', request: { caseId: '5', durationMs: 1, failure: { error: 'DiskFull', cause: 'no space' } } }).catch((e: unknown) => e)) as Error;

    // assert
    expect(error.stack).toBe('DiskFull: no space');
    const logged = lines.find((l) => l['message'] === 'computation failed') as { error: { stack: string }; requestId: string; caseId: string };
    expect(logged).toMatchObject({ requestId: 'r1', caseId: '5', error: { name: 'DiskFull', message: 'no space' } });
    expect(logged.error.stack.split('\n').length).toBeGreaterThan(1);
  });

  it('rejects a malformed event with a ValidationError naming the field', async () => {
    // prepare
    const { handler, lines } = setup();

    // act
    const error = await handler({ requestId: 'r1', request: { caseId: 7 } }).catch((e: unknown) => e);

    // assert
    expect(error).toMatchObject({ name: 'ValidationError' });
    expect((error as Error).message).toMatch(/compute-direct event.*\n.*request\.caseId/);
    expect((error as Error).stack).toBe('ValidationError: compute-direct event: not a valid compute input:');
    expect(lines.at(-1)).toMatchObject({ level: 'error', message: 'rejected a malformed event', requestId: 'r1', issues: [{ path: 'request.caseId' }] });
  });

  it('reads COMPUTE_MS when no default is injected', async () => {
    // prepare
    process.env['COMPUTE_MS'] = 'soon';
    const handler = createComputeDirectHandler({ logger: createLogger({ write: () => undefined }) });

    // act
    const error = await handler({ requestId: 'r1', request: { caseId: '0' } }).catch((e: unknown) => e);

    // assert
    expect(error).toMatchObject({ name: 'ConfigError', message: expect.stringContaining('COMPUTE_MS="soon"') });
    expect(String((error as Error).stack).split('\n')).toHaveLength(1); // reported like any failure: no stack in the Cause
    delete process.env['COMPUTE_MS'];
  });
});
