// Both patterns as `infra:synth` wrote them, deployed on the local cloud with their IAM enforced:
// the real bundles, the real SDK calls (compute-callback answering through the endpoint as its
// own role), the deployed bus, rule, target and queues.
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeStateMachineCommand } from '@aws-sdk/client-sfn';
import { toSlotted } from '@fanout/dataset-splitter';
import { historyEvents, patternCeilings, type FlatRequest } from '@fanout/shared-types';
import { deployStacks, flatRequest, runExecution, type Deployed, type Run } from './support/deployed-stacks';

const PARALLEL = 'map-in-parallel';
const CALLBACK = 'map-eventbridge-callback';

/** Ten cases: case 4 fails by injection, case 7 carries a field the Lambdas refuse (ValidationError). */
const tenCases = (requestId: string): FlatRequest => flatRequest(requestId, 10, { 4: { failure: { error: 'ComputationFailed', cause: 'injected' } }, 7: { colour: 'blue' } }) as FlatRequest;
const slotted = (request: FlatRequest, slots = 3) => toSlotted(request, { slots });
const expectedFailures = { ComputationFailed: 1, ValidationError: 1 };

let d: Deployed;
const runs: Record<string, Run> = {};
beforeAll(async () => {
  // prepare
  d = await deployStacks();
  // act
  runs['parallel'] = await runExecution(d, PARALLEL, slotted(tenCases('parallel')));
  runs['parallelClean'] = await runExecution(d, PARALLEL, slotted(flatRequest('parallel-clean', 12) as FlatRequest));
  runs['twoSlots'] = await runExecution(d, PARALLEL, slotted(tenCases('two-slots'), 2));
  runs['fourSlots'] = await runExecution(d, PARALLEL, slotted(tenCases('four-slots'), 4));
  runs['callback'] = await runExecution(d, CALLBACK, tenCases('callback'));
  runs['callbackClean'] = await runExecution(d, CALLBACK, flatRequest('callback-clean', 12));
  runs['callbackEmpty'] = await runExecution(d, CALLBACK, flatRequest('empty', 0));
}, 120_000);
afterAll(() => d.stop());

describe('map-in-parallel, deployed from its stack', () => {
  it('computes every case, summarises the failed ones, then fails the execution over the 0 % tolerated', () => {
    const { status, error, cause, summary, eventTypes, events } = runs['parallel'] as Run;
    expect({ status, error }).toEqual({ status: 'FAILED', error: 'FailureThresholdExceeded' });
    expect(cause).toContain('2 of the cases of request parallel did not finish (2 failed, 0 missing): 20%, above the 0% tolerated');
    expect(summary).toMatchObject({ cases: 10, succeeded: 8, failed: 2, missing: [], duplicated: [], failuresByError: expectedFailures });
    expect(summary?.failures.map((f) => f.caseId)).toEqual(['4', '7']);
    expect(eventTypes).toMatchObject({ ParallelStateStarted: 1, MapStateStarted: 3, TaskSucceeded: 8 + 1, TaskFailed: 2 });
    // The history the ceilings in shared-types are computed from (7 events per computed case, 11
    // per recorded failure), less one: a Fail state records no Exited event, a Succeed state does.
    expect(events.length).toBe(historyEvents(PARALLEL, { succeeded: 8, failed: 2 }, 3) - 1);
  });

  it('succeeds when every case does, in one wave of 5 s', () => {
    const run = runs['parallelClean'] as Run;
    expect(run).toMatchObject({ status: 'SUCCEEDED', summary: { cases: 12, succeeded: 12, failed: 0 } });
    expect(run.makespanMs).toBeGreaterThanOrEqual(5000);
    expect(run.events.length).toBe(historyEvents(PARALLEL, { succeeded: 12 }, 3));
  });

  it('refuses a request split for another slot count before computing anything', () => {
    for (const run of [runs['twoSlots'], runs['fourSlots']] as Run[]) {
      expect(run).toMatchObject({ status: 'FAILED', error: 'SlotCountMismatch' });
      expect(run.eventTypes['TaskScheduled']).toBeUndefined();
    }
  });
});

describe('map-eventbridge-callback, deployed from its stack', () => {
  it('puts every case on the bus, has compute-callback answer every token, and summarises the failures', () => {
    const { status, error, summary, eventTypes, events } = runs['callback'] as Run;
    expect({ status, error }).toEqual({ status: 'FAILED', error: 'FailureThresholdExceeded' });
    expect(summary).toMatchObject({ cases: 10, succeeded: 8, failed: 2, missing: [], duplicated: [], failuresByError: expectedFailures });
    expect(eventTypes['TaskSubmitted']).toBe(10);
    // 8 events per computed case, 12 per recorded failure; the Fail state records no Exited event.
    expect(events.length).toBe(historyEvents(CALLBACK, { succeeded: 8, failed: 2 }) - 1);
  });

  it('succeeds when every case does, and summarises an empty request', () => {
    expect(runs['callbackClean']).toMatchObject({ status: 'SUCCEEDED', summary: { cases: 12, succeeded: 12 } });
    expect(runs['callbackEmpty']).toMatchObject({ status: 'SUCCEEDED', summary: { cases: 0, succeeded: 0, failed: 0, missing: [] } });
  });

  it('delivered each event once through the deployed rule, to compute-callback asynchronously', () => {
    const metrics = d.running.cloud.events.metrics();
    expect(metrics.totals).toMatchObject({ MatchedEvents: 22, Invocations: 22, FailedInvocations: 0, InvocationsSentToDlq: 0, EventsDropped: 0 });
    expect(d.running.cloud.lambda.metrics(d.outputs(CALLBACK)['computeFunctionName'] as string)).toMatchObject({ AsyncEventsReceived: 22, Invocations: 22, AsyncEventsDropped: 0 });
  });
});

describe('what IAM, X-Ray and CloudWatch Logs saw', () => {
  it('allowed every call the deployed resources made under their own policies, and refused none', () => {
    const counts = d.running.cloud.iam?.log.counts();
    expect(counts?.denied).toBe(0);
    expect(counts?.allowed).toBeGreaterThan(50);
  });

  it("records each computed case's `computing` subsegment with requestId as annotation and caseId as metadata", async () => {
    const cases = new Set<string>();
    await d.running.cloud.xray.waitForSubsegment(() => {
      for (const s of d.running.cloud.xray.subsegments({ name: 'computing' })) if (s.annotations['requestId'] === 'callback-clean') cases.add(String(s.metadata['default']?.['caseId']));
      return cases.size === 12;
    }, 10_000);
    expect([...cases].sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 12 }, (_, i) => String(i)));
  });

  it.each([
    ['parallelClean', PARALLEL],
    ['callbackClean', CALLBACK],
  ] as const)("logs %s's whole history to its state machine's log group, as the stack configures it", async (key, stack) => {
    // prepare
    const run = runs[key] as Run;
    const machine = await d.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: d.outputs(stack)['stateMachineArn'] }));
    const logGroupName = /:log-group:(.+):\*$/.exec(machine.loggingConfiguration?.destinations?.[0]?.cloudWatchLogsLogGroup?.logGroupArn ?? '')?.[1];
    const logs = new CloudWatchLogsClient({ endpoint: d.running.url, region: d.running.cloud.region, credentials: { accessKeyId: 'e2e', secretAccessKey: 'e2e' } });
    // act
    const page = await logs.send(new FilterLogEventsCommand({ logGroupName, filterPattern: `{ $.execution_arn = "${run.executionArn}" }` }));
    logs.destroy();
    // assert
    const logged = (page.events ?? []).map((e) => JSON.parse(e.message as string) as { id: string; type: string; details?: { output?: string } });
    expect(machine.loggingConfiguration).toMatchObject({ level: 'ALL', includeExecutionData: true });
    expect(logged.map((e) => [Number(e.id), e.type])).toEqual(run.events.map((e) => [e.id, e.type]));
    expect(JSON.parse(logged.at(-1)?.details?.output ?? 'null')).toMatchObject({ cases: 12, succeeded: 12, failed: 0 });
  });
});

describe('each pattern at its ceiling and one case past it', () => {
  it.each([
    [PARALLEL, 3],
    [CALLBACK, undefined],
  ] as const)('%s carries exactly the ceiling shared-types states, and fails one case past it on the history limit', async (pattern, slots) => {
    // prepare
    const ceiling = patternCeilings(pattern, slots === undefined ? {} : { slots });
    const request = (n: number, id: string) => (pattern === PARALLEL ? slotted(flatRequest(id, n) as FlatRequest) : flatRequest(id, n));
    // act
    const at = await runExecution(d, pattern, request(ceiling.maxCases, `${pattern}-at`), 120_000);
    const past = await runExecution(d, pattern, request(ceiling.maxCases + 1, `${pattern}-past`), 120_000);
    // assert
    expect(ceiling.bindingLimit).toBe('history');
    expect(at).toMatchObject({ status: 'SUCCEEDED', summary: { cases: ceiling.maxCases, succeeded: ceiling.maxCases } });
    expect(at.events.length).toBeLessThanOrEqual(25_000);
    expect(past).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(past.events).toHaveLength(25_000);
  }, 240_000);
});
