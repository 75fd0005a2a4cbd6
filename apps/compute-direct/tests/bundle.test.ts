import { invokeBundle } from '@fanout/lambda-bundler';
import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The artefact Terraform uploads, not the sources: built by the `build` target this test depends on. */
const BUNDLE = join(__dirname, '../../../dist/apps/compute-direct/index.js');

beforeAll(() => {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`nx run compute-direct:build\` (the test target depends on it)`);
});

describe('built compute-direct bundle (dist/apps/compute-direct/index.js), in a fresh Node process', () => {
  it('computes a seed case with COMPUTE_MS and keeps the error names a state machine matches on', async () => {
    // prepare
    const events = [
      { requestId: 'r1', request: { caseId: '0' } },
      { requestId: 'r1', request: { caseId: '1', durationMs: 1, failure: { error: 'ComputationFailed' } } },
      { request: { caseId: '2' } },
    ];

    // act
    const { invocations } = await invokeBundle({ bundle: BUNDLE, events, env: { COMPUTE_MS: '3', LOG_LEVEL: 'error' } });

    // assert
    expect(invocations[0]).toMatchObject({ ok: true, value: { requestId: 'r1', request: { caseId: '0' }, state: 'SUCCEEDED' } });
    expect(invocations[1]).toMatchObject({ ok: false, error: { name: 'ComputationFailed' } });
    expect(invocations[2]).toMatchObject({ ok: false, error: { name: 'ValidationError', message: expect.stringContaining('requestId') } });
  });

  it('reports a failure to Step Functions with a small Cause: name, message, a one-line trace', async () => {
    // prepare: an injected failure, and a case with an unknown field (rejected, then recorded by the Catch)
    const events = [
      { requestId: '123456', request: { caseId: '17', failure: { error: 'ComputationFailed' } } },
      { requestId: '123456', request: { caseId: '18', colour: 'red' } },
    ];

    // act
    const { invocations } = await invokeBundle({ bundle: BUNDLE, events, env: { COMPUTE_MS: '1', LOG_LEVEL: 'error' } });

    // assert: the Cause is what the Node runtime reports for the thrown error (see invokeBundle)
    const [injected, rejected] = invocations.map((i) => i.cause ?? '');
    expect(JSON.parse(injected ?? '')).toEqual({ errorType: 'ComputationFailed', errorMessage: 'case 17 failed by injection', trace: ['ComputationFailed: case 17 failed by injection'] });
    expect(Buffer.byteLength(injected ?? '')).toBeLessThan(200);
    expect(JSON.parse(rejected ?? '')).toMatchObject({ errorType: 'ValidationError', errorMessage: expect.stringContaining('request.colour'), trace: ['ValidationError: compute-direct event: not a valid compute input:'] });
    expect(Buffer.byteLength(rejected ?? '')).toBeLessThan(300);
  });

  it('sends a computing subsegment with requestId and caseId to the X-Ray daemon when the trace is sampled', async () => {
    // prepare: a UDP "daemon" on loopback, and the environment Lambda gives a traced invocation
    const daemon = createSocket('udp4');
    const documents: Record<string, unknown>[] = [];
    daemon.on('message', (msg) => documents.push(JSON.parse(msg.toString('utf8').split('\n')[1] ?? '{}') as Record<string, unknown>));
    await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
    const address = `127.0.0.1:${(daemon.address() as AddressInfo).port}`;
    const env = {
      COMPUTE_MS: '3',
      LOG_LEVEL: 'error',
      LAMBDA_TASK_ROOT: __dirname,
      AWS_XRAY_DAEMON_ADDRESS: address,
      _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
    };

    // act
    const { invocations } = await invokeBundle({ bundle: BUNDLE, events: [{ requestId: 'request-9', request: { caseId: 'case-4', durationMs: 5 } }], env });
    await new Promise((r) => setTimeout(r, 100));
    daemon.close();

    // assert
    expect(invocations[0]?.ok).toBe(true);
    const computing = documents.find((d) => d['name'] === 'computing');
    expect(computing).toMatchObject({ trace_id: '1-5759e988-bd862e3fe1be46a994272793', parent_id: '53995c3f42cd8ad8', annotations: { requestId: 'request-9' }, metadata: { default: { caseId: 'case-4' } } });
    expect(Number(computing?.['end_time']) - Number(computing?.['start_time'])).toBeGreaterThanOrEqual(0.004);
  });
});
