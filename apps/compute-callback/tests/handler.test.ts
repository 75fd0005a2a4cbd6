import { InvalidToken, SFNClient, SendTaskFailureCommand, SendTaskSuccessCommand, TaskDoesNotExist, TaskTimedOut } from '@aws-sdk/client-sfn';
import { REPORTED_MESSAGE_MAX_CHARS, truncate } from '@fanout/compute-work';
import { createLogger } from '@fanout/lambda-log';
import { AWS_LIMITS } from '@fanout/shared-types';
import { createTracer } from '@fanout/tracing';
import { mockClient } from 'aws-sdk-client-mock';
import { createComputeCallbackHandler } from '../src/handler';
import { createSfnTaskReporter } from '../src/task-reporter';

const sfn = mockClient(SFNClient);

function event(payload: unknown, taskToken: unknown = 'token-1') {
  return { version: '0', source: 'com.computing.lambda', 'detail-type': 'ComputeRequested', detail: { payload, taskToken } };
}

/** `fromEnv`: read the default compute time from COMPUTE_MS, as deployed, instead of 1 ms. */
function setup(fromEnv = false) {
  // Credentials from the environment, as on Lambda: the warm-up resolves them, and without them
  // the SDK's provider chain would go looking for instance metadata on the network.
  Object.assign(process.env, { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'debug', write: (l) => void lines.push(JSON.parse(l) as Record<string, unknown>) });
  const tracer = createTracer({ logger, isActive: () => false });
  const handler = createComputeCallbackHandler({ logger, tracer, reporter: createSfnTaskReporter({ tracer }), ...(fromEnv ? {} : { defaultDurationMs: () => 1 }) });
  return { handler, lines };
}

beforeEach(() => sfn.reset());

describe('compute-callback handler', () => {
  it('reports a success with SendTaskSuccess carrying the ComputeResult', async () => {
    // prepare
    sfn.on(SendTaskSuccessCommand).resolves({});
    const { handler, lines } = setup();

    // act
    const report = await handler(event({ requestId: 'r1', request: { caseId: '5', durationMs: 2 } }), { awsRequestId: 'l-1' });

    // assert
    expect(report).toEqual({ outcome: 'SUCCEEDED', requestId: 'r1', caseId: '5' });
    const calls = sfn.commandCalls(SendTaskSuccessCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input.taskToken).toBe('token-1');
    expect(JSON.parse(calls[0]?.args[0].input.output ?? 'null')).toMatchObject({ requestId: 'r1', request: { caseId: '5', durationMs: 2 }, state: 'SUCCEEDED' });
    expect(sfn.commandCalls(SendTaskFailureCommand)).toHaveLength(0);
    for (const line of lines) expect(line).toMatchObject({ requestId: 'r1', caseId: '5', awsRequestId: 'l-1' });
  });

  it('reports a failed computation with SendTaskFailure: error name and cause', async () => {
    // prepare
    sfn.on(SendTaskFailureCommand).resolves({});
    const { handler } = setup();

    // act
    const report = await handler(event({ requestId: 'r1', request: { caseId: '6', durationMs: 1, failure: { error: 'DiskFull', cause: 'no space left' } } }));

    // assert
    expect(report).toEqual({ outcome: 'FAILED', requestId: 'r1', caseId: '6', error: 'DiskFull' });
    expect(sfn.commandCalls(SendTaskFailureCommand)[0]?.args[0].input).toEqual({ taskToken: 'token-1', error: 'DiskFull', cause: 'no space left' });
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
  });

  it('fails the task with ConfigError when COMPUTE_MS is malformed, rather than leaving it to time out', async () => {
    // prepare
    sfn.on(SendTaskFailureCommand).resolves({});
    process.env['COMPUTE_MS'] = '5 s';
    const { handler, lines } = setup(true);

    // act
    const report = await handler(event({ requestId: 'r1', request: { caseId: '7' } }));

    // assert
    expect(lines.find((l) => l['level'] === 'warn')).toMatchObject({ requestId: 'r1', caseId: '7', message: expect.stringContaining('failing its task') });
    expect(report).toMatchObject({ outcome: 'FAILED', error: 'ConfigError' });
    expect(sfn.commandCalls(SendTaskFailureCommand)[0]?.args[0].input).toMatchObject({ error: 'ConfigError', cause: expect.stringContaining('COMPUTE_MS="5 s"') });
    delete process.env['COMPUTE_MS'];
  });

  it('fails the task of a malformed payload with ValidationError, naming the field', async () => {
    // prepare
    sfn.on(SendTaskFailureCommand).resolves({});
    const { handler, lines } = setup();

    // act
    const report = await handler(event({ requestId: 'r1', request: { caseId: '' } }));

    // assert
    expect(report).toMatchObject({ outcome: 'REJECTED', requestId: 'r1', error: 'ValidationError' });
    const input = sfn.commandCalls(SendTaskFailureCommand)[0]?.args[0].input;
    expect(input?.error).toBe('ValidationError');
    expect(input?.cause).toMatch(/detail\.payload\.request\.caseId: caseId must not be empty/);
    expect(lines.find((l) => l['level'] === 'error')).toMatchObject({ requestId: 'r1', message: expect.stringContaining('malformed') });
  });

  it.each([
    ['TaskTimedOut', new TaskTimedOut({ message: 'Task Timed Out', $metadata: {} })],
    ['TaskDoesNotExist', new TaskDoesNotExist({ message: 'Task does not exist', $metadata: {} })],
  ])('swallows and logs %s for an already-closed token (duplicate delivery)', async (name, error) => {
    // prepare
    sfn.on(SendTaskSuccessCommand).rejects(error);
    const { handler, lines } = setup();

    // act
    const report = await handler(event({ requestId: 'r1', request: { caseId: '8', durationMs: 1 } }));

    // assert
    expect(report).toEqual({ outcome: 'TOKEN_CLOSED', requestId: 'r1', caseId: '8' });
    expect(lines.find((l) => l['level'] === 'warn')).toMatchObject({ sfnError: name, wouldHaveReported: 'SUCCEEDED', caseId: '8' });
  });

  it.each([
    ['SendTaskSuccess', { caseId: '8', durationMs: 1 }, 'SUCCEEDED'],
    ['SendTaskFailure', { caseId: '8', durationMs: 1, failure: { error: 'DiskFull' } }, 'FAILED'],
  ])('does not throw InvalidToken from %s (permanent: a retry would redo the computation for nothing) but logs it as an error', async (_op, request, wouldHaveReported) => {
    // prepare
    const invalid = new InvalidToken({ message: 'Invalid Token', $metadata: { httpStatusCode: 400 } });
    sfn.on(SendTaskSuccessCommand).rejects(invalid).on(SendTaskFailureCommand).rejects(invalid);
    const { handler, lines } = setup();

    // act
    const report = await handler(event({ requestId: 'r1', request }));

    // assert
    expect(report).toMatchObject({ outcome: 'TOKEN_INVALID', requestId: 'r1', caseId: '8' });
    expect(lines.find((l) => l['level'] === 'error')).toMatchObject({ sfnError: 'InvalidToken', wouldHaveReported, requestId: 'r1', caseId: '8', error: { name: 'InvalidToken' } });
  });

  it.each([
    ['ThrottlingException', Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' })],
    ['ServiceUnavailable (5xx)', Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } })],
  ])('throws %s, so Lambda retries the report', async (_label, sfnError) => {
    // prepare
    sfn.on(SendTaskSuccessCommand).rejects(sfnError);
    const { handler } = setup();

    // act
    const error = await handler(event({ requestId: 'r1', request: { caseId: '9', durationMs: 1 } })).catch((e: unknown) => e);

    // assert
    expect(error).toMatchObject({ name: sfnError.name });
  });

  it('sends a short cause: the bounded message, never the stack', async () => {
    // prepare
    sfn.on(SendTaskFailureCommand).resolves({});
    const { handler, lines } = setup();
    const longCause = 'the input file is corrupt; '.repeat(100);

    // act
    await handler(event({ requestId: 'r1', request: { caseId: '6', durationMs: 1, failure: { error: 'DiskFull', cause: longCause } } }));

    // assert
    const cause = sfn.commandCalls(SendTaskFailureCommand)[0]?.args[0].input.cause ?? '';
    expect(cause).toBe(truncate(longCause, REPORTED_MESSAGE_MAX_CHARS));
    expect(cause).not.toMatch(/\n\s+at /);
    expect(lines.find((l) => l['level'] === 'warn')).toMatchObject({ error: { message: longCause, stack: expect.stringMatching(/\n\s+at /) } });
  });

  it.each([
    ['no detail', { source: 'com.computing.lambda' }],
    ['no token', { source: 'com.computing.lambda', detail: { payload: { requestId: 'r1', request: { caseId: '1' } } } }],
    ['a token that is not a string', event({ requestId: 'r1', request: { caseId: '1' } }, 42)],
    ['an empty token', event({ requestId: 'r1', request: { caseId: '1' } }, '')],
    ['not an object', 'hello'],
  ])('rejects an event with %s: a clear error and no SFN call', async (_label, badEvent) => {
    // prepare
    const { handler } = setup();

    // act
    const error = await handler(badEvent).catch((e: unknown) => e);

    // assert
    expect(error).toMatchObject({ name: 'MissingTaskTokenError', message: expect.stringContaining('detail.taskToken is missing') });
    expect(sfn.calls()).toHaveLength(0);
  });
});

describe('truncate', () => {
  it('bounds SendTaskFailure fields to their API limits and says so', () => {
    // prepare
    const long = 'x'.repeat(AWS_LIMITS.taskFailureCauseMaxLength + 10);

    // act
    const cause = truncate(long, AWS_LIMITS.taskFailureCauseMaxLength);
    const error = truncate('E'.repeat(300), AWS_LIMITS.taskFailureErrorMaxLength);

    // assert
    expect(cause).toHaveLength(AWS_LIMITS.taskFailureCauseMaxLength);
    expect(cause.endsWith('…[truncated]')).toBe(true);
    expect(error).toHaveLength(256);
    expect(truncate('short', 10)).toBe('short');
  });

  it('is applied by the reporter', async () => {
    // prepare
    Object.assign(process.env, { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
    sfn.on(SendTaskFailureCommand).resolves({});
    const reporter = createSfnTaskReporter({ tracer: createTracer({ isActive: () => false }) });

    // act
    await reporter.failure('t', 'E'.repeat(300), 'c'.repeat(40_000));

    // assert
    const input = sfn.commandCalls(SendTaskFailureCommand)[0]?.args[0].input;
    expect(input?.error).toHaveLength(AWS_LIMITS.taskFailureErrorMaxLength);
    expect(input?.cause).toHaveLength(AWS_LIMITS.taskFailureCauseMaxLength);
  });
});
