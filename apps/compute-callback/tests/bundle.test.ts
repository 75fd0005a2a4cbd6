import { invokeBundle } from '@fanout/lambda-bundler';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type SfnStub, startSfnStub } from './sfn-stub';

/** The artefact Terraform uploads, not the sources: built by the `build` target this test depends on. */
const BUNDLE = join(__dirname, '../../../dist/apps/compute-callback/index.js');

function event(payload: unknown, taskToken = 'token-1') {
  return { source: 'com.computing.lambda', 'detail-type': 'ComputeRequested', detail: { payload, taskToken } };
}

describe('built compute-callback bundle (dist/apps/compute-callback/index.js), in a fresh Node process', () => {
  let stub: SfnStub;

  beforeAll(async () => {
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`nx run compute-callback:build\` (the test target depends on it)`);
    // Closed tokens answer TaskTimedOut, like a second SendTaskSuccess on AWS; unreadable ones
    // InvalidToken; a throttled token is refused twice with ThrottlingException, then accepted.
    const throttled = new Map<string, number>();
    stub = await startSfnStub((call) => {
      const token = String(call.body['taskToken']);
      if (token.startsWith('closed')) return 'TaskTimedOut';
      if (token.startsWith('garbled')) return 'InvalidToken';
      if (token.startsWith('throttled')) {
        const seen = (throttled.get(token) ?? 0) + 1;
        throttled.set(token, seen);
        return seen <= 2 ? 'ThrottlingException' : undefined;
      }
      return undefined;
    });
  });

  afterAll(() => stub.close());

  it('reports success, failure and a closed token over the wire, and rejects a missing token', async () => {
    // prepare: the standard SDK environment only; no endpoint is hard-coded in the bundle
    const env = { AWS_ENDPOINT_URL_SFN: stub.url, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', COMPUTE_MS: '3', LOG_LEVEL: 'error' };
    const events = [
      event({ requestId: 'r1', request: { caseId: '0' } }),
      event({ requestId: 'r1', request: { caseId: '1', durationMs: 1, failure: { error: 'ComputationFailed', cause: 'bad data' } } }),
      event({ requestId: 'r1', request: { caseId: '2', durationMs: 1 } }, 'closed-token'),
      { detail: { payload: { requestId: 'r1', request: { caseId: '3' } } } },
      event({ requestId: 'r1', request: { caseId: '5', durationMs: 1 } }, 'garbled-token'),
    ];

    // act
    const { invocations } = await invokeBundle({ bundle: BUNDLE, events, env });

    // assert
    expect(invocations.map((i) => (i.ok ? (i.value as { outcome: string }).outcome : i.error?.name))).toEqual(['SUCCEEDED', 'FAILED', 'TOKEN_CLOSED', 'MissingTaskTokenError', 'TOKEN_INVALID']);
    expect(stub.calls.map((c) => c.operation)).toEqual(['SendTaskSuccess', 'SendTaskFailure', 'SendTaskSuccess', 'SendTaskSuccess']);
    expect(JSON.parse(String(stub.calls[0]?.body['output']))).toMatchObject({ requestId: 'r1', request: { caseId: '0' }, state: 'SUCCEEDED' });
    expect(stub.calls[1]?.body).toEqual({ taskToken: 'token-1', error: 'ComputationFailed', cause: 'bad data' });
    expect(stub.calls.every((c) => c.traceHeader === undefined)).toBe(true);
  });

  it('retries a throttled answer itself, so the invocation succeeds without Lambda rerunning the computation', async () => {
    // prepare
    stub.calls.length = 0;
    const env = { AWS_ENDPOINT_URL_SFN: stub.url, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', COMPUTE_MS: '3', LOG_LEVEL: 'error' };

    // act
    const { invocations } = await invokeBundle({ bundle: BUNDLE, events: [event({ requestId: 'r1', request: { caseId: '6' } }, 'throttled-token')], env });

    // assert: one invocation, three calls (two refused), no error for Lambda to retry
    expect(invocations.map((i) => (i.ok ? (i.value as { outcome: string }).outcome : i.error?.name))).toEqual(['SUCCEEDED']);
    expect(stub.calls.map((c) => [c.operation, c.body['taskToken']])).toEqual([
      ['SendTaskSuccess', 'throttled-token'],
      ['SendTaskSuccess', 'throttled-token'],
      ['SendTaskSuccess', 'throttled-token'],
    ]);
  });

  it('traces the SFN call of a sampled invocation (captured client, trace header propagated)', async () => {
    // prepare: what Lambda sets for a sampled, traced invocation; the daemon address goes nowhere useful
    stub.calls.length = 0;
    const env = {
      AWS_ENDPOINT_URL_SFN: stub.url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      COMPUTE_MS: '3',
      LOG_LEVEL: 'error',
      LAMBDA_TASK_ROOT: __dirname,
      AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:9',
      _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
    };

    // act
    const { invocations } = await invokeBundle({ bundle: BUNDLE, events: [event({ requestId: 'r1', request: { caseId: '4' } })], env });

    // assert
    expect(invocations[0]).toMatchObject({ ok: true, value: { outcome: 'SUCCEEDED' } });
    expect(stub.calls[0]?.traceHeader).toMatch(/^Root=1-5759e988-bd862e3fe1be46a994272793;Parent=[0-9a-f]{16};Sampled=1/);
  });
});
