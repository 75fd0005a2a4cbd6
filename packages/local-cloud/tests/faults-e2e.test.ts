// Faults against the deployed stacks. Each scenario accounts for every case: succeeded, failed
// with its reason, or in a named dead-letter queue, and none is lost (missing from the summary).
import { SFNServiceException } from '@aws-sdk/client-sfn';
import { toSlotted } from '@fanout/dataset-splitter';
import type { FlatRequest } from '@fanout/shared-types';
import { deployStacks, flatRequest, queueDepth, queueMessages, runExecution, type Deployed, type Run } from './support/deployed-stacks';

/** Polls `check` in real time until it holds (deliveries and retries finish on the local cloud's clock). */
async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const PARALLEL = 'map-in-parallel';
const CALLBACK = 'map-eventbridge-callback';
const EXTERNAL = { kind: 'external' } as const;

/** What became of each case: the summary's counts by outcome, and what is missing from it. */
function accounting(run: Run, cases: number) {
  const summary = run.summary;
  if (!summary) throw new Error(`no summary: ${run.status} ${run.error ?? ''} ${run.cause ?? ''}`);
  return { cases, succeeded: summary.succeeded, failedBy: summary.failuresByError, lost: summary.missing.length, accounted: summary.succeeded + summary.failed };
}

const computeFunction = (d: Deployed, stack: string) => d.outputs(stack)['computeFunctionName'] as string;
const roleNameOf = (d: Deployed, fn: string) => d.running.cloud.lambda.get(fn).settings.role.split('/').pop() as string;
const parallelRequest = (id: string, n: number, cases: Record<number, Record<string, unknown>> = {}) => toSlotted(flatRequest(id, n, cases) as FlatRequest, { slots: 3 });

describe('compute-direct failing', () => {
  let d: Deployed;
  beforeAll(async () => {
    d = await deployStacks();
  });
  afterAll(() => d.stop());

  it('a case that throws fails with its error; a case past the Lambda timeout fails with Sandbox.Timedout', async () => {
    // act: case 1 throws, case 2 computes for 40 s against the function's 30 s timeout
    const run = await runExecution(d, PARALLEL, parallelRequest('direct-faults', 6, { 1: { failure: { error: 'ComputationFailed', cause: 'injected' } }, 2: { durationMs: 40_000 } }));
    // assert
    expect(accounting(run, 6)).toEqual({ cases: 6, succeeded: 4, failedBy: { ComputationFailed: 1, 'Sandbox.Timedout': 1 }, lost: 0, accounted: 6 });
    expect(d.running.cloud.lambda.metrics(computeFunction(d, PARALLEL))).toMatchObject({ Timeouts: 1, Errors: 2 });
  });

  it('with concurrency exhausted, throttled invokes are retried until every case ran (or names the throttle)', async () => {
    // prepare: 20 environments for a fan-out of up to 120
    d.running.cloud.lambda.putConcurrency(computeFunction(d, PARALLEL), 20, EXTERNAL);
    // act
    const run = await runExecution(d, PARALLEL, parallelRequest('throttled', 60));
    // assert
    const account = accounting(run, 60);
    expect(account).toMatchObject({ lost: 0, accounted: 60 });
    for (const error of Object.keys(account.failedBy)) expect(error).toBe('Lambda.TooManyRequestsException');
    expect(d.running.cloud.lambda.metrics(computeFunction(d, PARALLEL)).Throttles).toBeGreaterThan(0);
    expect(run.eventTypes['TaskFailed']).toBeGreaterThan(0);
  });
});

describe('the callback pattern under faults', () => {
  let d: Deployed;
  beforeAll(async () => {
    d = await deployStacks();
  });
  afterAll(() => d.stop());
  const failureQueue = () => d.outputs(CALLBACK)['computeFailureQueueUrl'] as string;
  const ruleDlq = () => d.outputs(CALLBACK)['deadLetterQueueUrl'] as string;

  it('compute-callback crashing before it answers: Lambda retries twice, then its on-failure queue; the case times out', async () => {
    // act: past the function's 30 s timeout, every attempt is cut off before it answers
    const run = await runExecution(d, CALLBACK, flatRequest('crash', 3, { 1: { durationMs: 40_000 } }));
    // assert: the task times out at the callback timeout; Lambda's last retry ends a little later
    expect(accounting(run, 3)).toEqual({ cases: 3, succeeded: 2, failedBy: { 'States.Timeout': 1 }, lost: 0, accounted: 3 });
    await eventually(async () => (await queueDepth(d, failureQueue())) === 1);
    const records = (await queueMessages(d, failureQueue())).map((m) => JSON.parse(m.Body ?? '{}') as { requestContext: { condition: string; approximateInvokeCount: number }; requestPayload: { detail: { payload: { request: { caseId: string } } } } });
    expect(records).toHaveLength(1);
    expect(records[0]?.requestContext).toMatchObject({ condition: 'RetriesExhausted', approximateInvokeCount: 3 });
    expect(records[0]?.requestPayload.detail.payload.request.caseId).toBe('1');
  });

  it('compute-callback without states:SendTaskSuccess: IAM refuses the answer by name; Lambda retries, then its on-failure queue', async () => {
    // prepare
    const fn = computeFunction(d, CALLBACK);
    const iam = d.running.cloud.iam;
    if (!iam) throw new Error('IAM is not enforced');
    const role = roleNameOf(d, fn);
    const before = iam.log.counts().denied;
    const queued = await queueDepth(d, failureQueue());
    iam.roles.deleteRolePolicy(role, 'task-response');
    try {
      // act
      const run = await runExecution(d, CALLBACK, flatRequest('denied', 2));
      // assert
      expect(accounting(run, 2)).toEqual({ cases: 2, succeeded: 0, failedBy: { 'States.Timeout': 2 }, lost: 0, accounted: 2 });
      const denials = iam.log.denials().filter((x) => x.action === 'states:SendTaskSuccess');
      expect(denials.length).toBeGreaterThanOrEqual(2 * 3);
      expect(denials[0]?.message).toMatch(/^User: arn:aws:sts::\d{12}:assumed-role\/[^/]+\/.+ is not authorized to perform: states:SendTaskSuccess because no identity-based policy allows the states:SendTaskSuccess action$/);
      expect(iam.log.counts().denied - before).toBe(denials.length);
      await eventually(async () => (await queueDepth(d, failureQueue())) - queued === 2);
    } finally {
      iam.roles.putRolePolicy(role, 'task-response', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['states:SendTaskSuccess', 'states:SendTaskFailure'], Resource: '*' }] }));
    }
  });

  it('the EventBridge target throttled past its event age: the rule sends each event to its DLQ with AWS attributes; the cases time out', async () => {
    // prepare: no concurrency at all, so Lambda refuses the asynchronous invoke itself
    const fn = computeFunction(d, CALLBACK);
    const reserved = d.running.cloud.lambda.governor.reservation(fn);
    d.running.cloud.lambda.putConcurrency(fn, 0, EXTERNAL);
    try {
      // act
      const run = await runExecution(d, CALLBACK, flatRequest('throttled', 2));
      // assert
      expect(accounting(run, 2)).toEqual({ cases: 2, succeeded: 0, failedBy: { 'States.Timeout': 2 }, lost: 0, accounted: 2 });
      await eventually(async () => (await queueDepth(d, ruleDlq())) === 2);
      const dlq = await queueMessages(d, ruleDlq());
      expect(dlq).toHaveLength(2);
      const attributes = dlq[0]?.MessageAttributes ?? {};
      const [target] = ((await d.running.cloud.events.call('ListTargetsByRule', { Rule: `${d.outputs(CALLBACK)['eventBusName']}-compute`, EventBusName: d.outputs(CALLBACK)['eventBusName'] })) as { Targets: { RetryPolicy: { MaximumRetryAttempts: number } }[] }).Targets;
      expect(attributes['ERROR_CODE']?.StringValue).toBe('THROTTLING');
      // Whichever of the target's two limits ran out first: its 8 retries with backoff, or its event age.
      const condition = attributes['EXHAUSTED_RETRY_CONDITION']?.StringValue;
      expect(condition).toBe(Number(attributes['RETRY_ATTEMPTS']?.StringValue) === target?.RetryPolicy.MaximumRetryAttempts ? 'MaximumRetryAttempts' : 'MaximumEventAgeInSeconds');
      expect(attributes['RULE_ARN']?.StringValue).toMatch(/:rule\/fanout-map-eventbridge-callback\/fanout-map-eventbridge-callback-compute$/);
      expect(attributes['TARGET_ARN']?.StringValue).toMatch(/:function:fanout-map-eventbridge-callback-compute-callback$/);
      expect(Number(attributes['RETRY_ATTEMPTS']?.StringValue)).toBeGreaterThan(0);
      expect(d.running.cloud.events.metrics().totals).toMatchObject({ InvocationsSentToDlq: 2, InvocationsFailedToBeSentToDlq: 0, EventsDropped: 0 });
    } finally {
      d.running.cloud.lambda.putConcurrency(fn, reserved ?? 40, EXTERNAL);
    }
  });

  it('an event lost (its rule disabled): the case times out at the callback timeout and is counted as failed', async () => {
    // prepare
    const bus = d.outputs(CALLBACK)['eventBusName'] as string;
    const rule = `${bus}-compute`;
    await d.running.cloud.events.call('DisableRule', { Name: rule, EventBusName: bus });
    try {
      // act
      const run = await runExecution(d, CALLBACK, flatRequest('lost', 1));
      // assert
      expect(accounting(run, 1)).toEqual({ cases: 1, succeeded: 0, failedBy: { 'States.Timeout': 1 }, lost: 0, accounted: 1 });
    } finally {
      await d.running.cloud.events.call('EnableRule', { Name: rule, EventBusName: bus });
    }
  });

  it('a dataset over one execution\u2019s 256 KiB input is refused before it starts', async () => {
    await expect(runExecution(d, CALLBACK, flatRequest('too-big', 20_000))).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
    await expect(runExecution(d, CALLBACK, flatRequest('too-big', 20_000))).rejects.toBeInstanceOf(SFNServiceException);
  });
});

describe('at-least-once delivery', () => {
  let d: Deployed;
  beforeAll(async () => {
    d = await deployStacks({ duplicateEventFraction: 1 });
  });
  afterAll(() => d.stop());

  it('an event delivered twice is computed twice but counted once: the second answer finds its token closed', async () => {
    // act
    const run = await runExecution(d, CALLBACK, flatRequest('twice', 4));
    // assert
    expect(accounting(run, 4)).toEqual({ cases: 4, succeeded: 4, failedBy: {}, lost: 0, accounted: 4 });
    expect(run.summary?.duplicated).toEqual([]);
    expect(d.running.cloud.events.metrics().totals.DuplicateInvocations).toBe(4);
    expect(d.running.cloud.lambda.metrics(computeFunction(d, CALLBACK))).toMatchObject({ Invocations: 8, Errors: 0 });
  });
});
