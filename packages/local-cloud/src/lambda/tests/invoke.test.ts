import { CreateFunctionCommand, InvokeCommand, PutFunctionConcurrencyCommand, TooManyRequestsException, RequestTooLargeException, InvalidRequestContentException, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { functionInput, HANDLERS, json, startLambda, type LambdaHarness } from './fixtures';

let h: LambdaHarness;
beforeAll(async () => {
  h = await startLambda();
  for (const [name, source] of Object.entries(HANDLERS)) await h.client.send(new CreateFunctionCommand(functionInput(name, source, { Timeout: 30 })));
});
afterAll(() => h.close());

const invoke = (name: string, payload: unknown = {}, extra: Record<string, unknown> = {}) =>
  h.client.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify(payload), ...extra }));

describe('RequestResponse', () => {
  it('returns the handler result as the payload', async () => {
    // act
    const r = await invoke('echo', { hello: 'world' });
    // assert
    expect(r.StatusCode).toBe(200);
    expect(r.FunctionError).toBeUndefined();
    expect(r.ExecutedVersion).toBe('$LATEST');
    expect(json(r.Payload)).toEqual({ event: { hello: 'world' }, region: 'us-east-1', fn: 'echo' });
  });

  it("answers a handler's error with X-Amz-Function-Error: Unhandled and the runtime's error body", async () => {
    const r = await invoke('fail');
    expect(r.StatusCode).toBe(200);
    expect(r.FunctionError).toBe('Unhandled');
    const body = json(r.Payload) as { errorType: string; errorMessage: string; trace: string[] };
    expect(body).toMatchObject({ errorType: 'Boom', errorMessage: 'it broke' });
    expect(body.trace[0]).toBe('Boom: it broke');
  });

  it('supports callback-style handlers', async () => {
    const r = await invoke('callback');
    expect(json(r.Payload)).toMatchObject({ via: 'callback', id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('reuses a warm environment: module state survives between invocations', async () => {
    const first = (await invoke('counter')) ;
    const second = await invoke('counter');
    expect((json(first.Payload) as { calls: number }).calls).toBe(1);
    expect(json(second.Payload)).toEqual({ calls: 2, loadedAt: (json(first.Payload) as { loadedAt: number }).loadedAt });
  });

  it('gives concurrent invocations their own environments, each with its own module instance and globals', async () => {
    // act: three at once need three environments
    const results = await Promise.all([invoke('sleep', { ms: 2000 }), invoke('counter', { ms: 3000 }), invoke('counter', { ms: 3000 }), invoke('counter', { ms: 3000 })]);
    // assert: each environment counts its own calls
    const calls = results.slice(1).map((r) => (json(r.Payload) as { calls: number }).calls).sort();
    expect(calls).toEqual([1, 1, 3]);
    expect(h.service.metrics('counter').EnvironmentsCreated).toBe(3);
  });

  it('gives the bundle Lambda\'s variables, its own, credentials and the endpoint', async () => {
    await h.client.send(new CreateFunctionCommand(functionInput('env-vars', HANDLERS.env, { Environment: { Variables: { MY_SETTING: 'on' } }, MemorySize: 256 })));
    const env = json((await invoke('env-vars')).Payload) as Record<string, string>;
    expect(env).toMatchObject({
      AWS_REGION: 'us-east-1',
      AWS_LAMBDA_FUNCTION_NAME: 'env-vars',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      MY_SETTING: 'on',
      AWS_ENDPOINT_URL: h.gateway.url,
      AWS_ACCESS_KEY_ID: expect.stringMatching(/^ASIA[A-Z2-7]{16}$/),
      AWS_SECRET_ACCESS_KEY: expect.any(String),
      AWS_SESSION_TOKEN: expect.any(String),
      _X_AMZN_TRACE_ID: expect.stringMatching(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/),
    });
    expect(env['HOME']).toBeUndefined();
  });

  it("continues the caller's trace in the environment (same root and sampling; the parent is Lambda's own segment)", async () => {
    const header = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
    const r = await h.client.send(new InvokeCommand({ FunctionName: 'env-vars', Payload: '{}' }), {});
    expect(json(r.Payload)).toHaveProperty('_X_AMZN_TRACE_ID');
    const traced = await h.service.invoke({ functionName: 'env-vars', payload: '{}', invocationType: 'RequestResponse', caller: { kind: 'external' }, traceHeader: header });
    expect((JSON.parse(traced.payload ?? '{}') as Record<string, string>)['_X_AMZN_TRACE_ID']).toMatch(/^Root=1-5759e988-bd862e3fe1be46a994272793;Parent=(?!53995c3f42cd8ad8)[0-9a-f]{16};Sampled=1$/);
  });

  it('ends an invocation past its timeout with Sandbox.Timedout and discards the environment', async () => {
    // prepare
    await h.client.send(new CreateFunctionCommand(functionInput('slow', HANDLERS.sleep, { Timeout: 2 })));
    // act
    const r = await invoke('slow', { ms: 5000 });
    const after = await invoke('slow', { ms: 10 });
    // assert
    expect(r.FunctionError).toBe('Unhandled');
    expect(json(r.Payload)).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: expect.stringMatching(/^RequestId: [0-9a-f-]{36} Error: Task timed out after 2\.00 seconds$/), trace: [] });
    expect(after.FunctionError).toBeUndefined();
    expect(h.service.metrics('slow')).toMatchObject({ Timeouts: 1, ColdStarts: 2 });
  });

  it('waits in simulated time: a 5 s wait at scale 100 is 5 s to the handler and ~50 ms of real time', async () => {
    const started = performance.now();
    const r = await invoke('sleep', { ms: 5000 });
    const real = performance.now() - started;
    const { waited } = json(r.Payload) as { waited: number };
    // never early; late only by timer granularity and the machine's load
    expect(waited).toBeGreaterThanOrEqual(5000);
    expect(waited).toBeLessThan(8000);
    // unscaled, it would take 5,000 ms
    expect(real).toBeLessThan(2500);
  });

  it('reports process.exit as Runtime.ExitError and an unloadable module as Runtime.ImportModuleError', async () => {
    expect(json((await invoke('exit')).Payload)).toMatchObject({ errorType: 'Runtime.ExitError' });
    expect(json((await invoke('importError')).Payload)).toMatchObject({ errorType: 'Error', errorMessage: "Cannot find module './missing-module'" });
  });

  it('refuses a response over 6 MB with Function.ResponseSizeTooLarge', async () => {
    expect(json((await invoke('big')).Payload)).toMatchObject({ errorType: 'Function.ResponseSizeTooLarge' });
  });

  it('answers DryRun with 204 and runs nothing', async () => {
    const before = h.service.metrics('echo').Invocations;
    const r = await invoke('echo', {}, { InvocationType: 'DryRun' });
    expect(r.StatusCode).toBe(204);
    expect(h.service.metrics('echo').Invocations).toBe(before);
  });

  it('returns the last 4 KB of the log with LogType Tail', async () => {
    const r = await invoke('fail', {}, { LogType: 'Tail' });
    const tail = Buffer.from(r.LogResult ?? '', 'base64').toString('utf8');
    expect(tail).toMatch(/^START RequestId: [0-9a-f-]{36} Version: \$LATEST$/m);
    expect(tail).toMatch(/\tINFO\tabout to fail$/m);
    expect(tail).toMatch(/\tERROR\tInvoke Error \t\{"errorType":"Boom"/m);
    expect(tail).toMatch(/^END RequestId: /m);
    expect(tail).toMatch(/^REPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB/m);
  });
  it("attributes a warm invocation's console lines to it: its own request id, in its own tail", async () => {
    // prepare: the environment is warm after the first call
    await invoke('fail', {}, { LogType: 'Tail' });
    // act
    const warm = await invoke('fail', {}, { LogType: 'Tail' });
    // assert
    const tail = Buffer.from(warm.LogResult ?? '', 'base64').toString('utf8');
    const requestId = /^START RequestId: ([0-9a-f-]{36})/m.exec(tail)?.[1];
    expect(tail).toContain(`\t${requestId}\tINFO\tabout to fail`);
  });
});

describe('invoke errors', () => {
  it.each([
    ['an unknown function', 'nope', '{}', ResourceNotFoundException],
    ['a payload that is not JSON', 'echo', '{nope', InvalidRequestContentException],
    ['a payload over 6 MB', 'echo', JSON.stringify('x'.repeat(6 * 1024 * 1024 + 10)), RequestTooLargeException],
  ])('%s → %p', async (_what, name, payload, type) => {
    await expect(h.client.send(new InvokeCommand({ FunctionName: name, Payload: payload }))).rejects.toBeInstanceOf(type);
  });

  it('throttles synchronous invokes beyond reserved concurrency 1 with TooManyRequestsException', async () => {
    // prepare
    await h.client.send(new CreateFunctionCommand(functionInput('single', HANDLERS.sleep, { Timeout: 30 })));
    await h.client.send(new PutFunctionConcurrencyCommand({ FunctionName: 'single', ReservedConcurrentExecutions: 1 }));
    // act
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => invoke('single', { ms: 1000 })));
    // assert
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(rejected).toHaveLength(9);
    for (const r of rejected) {
      const reason = (r as PromiseRejectedResult).reason as TooManyRequestsException;
      expect(reason).toBeInstanceOf(TooManyRequestsException);
      expect(reason.Reason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
    }
    expect(h.service.metrics('single').Throttles).toBe(9);
  });
});

describe('what the log records', () => {
  it("writes START, the handler's lines, END and REPORT (with Init Duration on a cold start) to the function's log group", () => {
    const lines = (h.logs.get('/aws/lambda/echo') ?? []).map((e) => e.message);
    expect(lines[0]).toMatch(/^START RequestId: /);
    expect(lines.find((l) => l.startsWith('REPORT'))).toMatch(/\tInit Duration: [\d.]+ ms$/);
  });
});

describe('scaling rate', () => {
  it('adds at most 1,000 environments at once, then about 100 a second, throttling beyond', async () => {
    // prepare: a second harness with room for more than 1,000 environments
    const big = await startLambda({ limits: { accountConcurrency: 3000 } }, 100);
    try {
      await big.client.send(new CreateFunctionCommand(functionInput('wide', HANDLERS.sleep, { Timeout: 60 })));
      // act: 1,600 invocations at once, each holding its environment for 20 s (creating the
      // environments takes a few real seconds here, in which the rate refills ~100 a second)
      const results = await Promise.allSettled(
        Array.from({ length: 1600 }, () => big.service.invoke({ functionName: 'wide', payload: JSON.stringify({ ms: 20_000 }), invocationType: 'RequestResponse', caller: { kind: 'external' } })),
      );
      // assert: the first thousand ran; the rest found no environment to scale to (a few may, as the rate refills)
      const throttled = results.filter((r) => r.status === 'rejected');
      const metrics = big.service.metrics('wide');
      expect(metrics.EnvironmentsCreated).toBeGreaterThanOrEqual(1000);
      expect(metrics.EnvironmentsCreated).toBeLessThan(1600);
      expect(throttled.length).toBe(1600 - metrics.EnvironmentsCreated);
      expect((throttled[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'TooManyRequestsException', fields: { Reason: 'FunctionScalingRateExceeded' } });
    } finally {
      await big.close();
    }
  }, 60_000);
});
