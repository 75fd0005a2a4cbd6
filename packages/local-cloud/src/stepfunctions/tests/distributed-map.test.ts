// Distributed Map: child executions per item or batch, ItemSelector, concurrency and start rate, tolerated failures, Express vs Standard children, abort.
import { Scope } from '../../core/scope';
import { registerLocalLambdas, type StepFunctionsEngine, type TaskRequest } from '../../index';
import { cases, concurrencyProbe, distributedMap, invoke } from './distributed-helpers';
import { makeEngine, runDefinition, types } from './helpers';

/** A compute stand-in: waits `ms` of simulated time, fails when the case says so, answers its caseId. */
function compute(engine: StepFunctionsEngine, ms = 1000) {
  return async (event: Record<string, unknown>) => {
    await engine.clock.sleep(ms, new Scope());
    if (event['fail'] === true) throw Object.assign(new Error(`case ${String(event['caseId'])} failed`), { name: 'CaseFailed' });
    return { caseId: event['caseId'] };
  };
}

function withCompute(ms = 1000, props = {}) {
  const engine = makeEngine({}, props);
  const probe = concurrencyProbe(compute(engine, ms));
  registerLocalLambdas(engine.integrations, new Map([['compute', probe.handler]]));
  return { engine, probe };
}

const mapRunOf = (engine: StepFunctionsEngine, executionArn: string) => {
  const [run] = engine.listMapRuns(executionArn);
  if (!run) throw new Error('no Map Run');
  return run;
};

describe('Distributed Map', () => {
  it('runs one child per item and returns their outputs in item order; the parent records only the Map Run events, chained as AWS chains them', async () => {
    // prepare
    const { engine } = withCompute(10);
    // act
    const run = await runDefinition(engine, distributedMap({ ItemsPath: '$.requests', Label: 'Cases' }), cases(5));
    // assert
    expect(run.status).toBe('SUCCEEDED');
    expect(run.outputValue).toEqual(cases(5).requests.map((r) => ({ caseId: r['caseId'] })));
    expect(types(run.events)).toEqual(['ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'MapRunStarted', 'MapRunSucceeded', 'MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
    const [, entered, started, runStarted, runSucceeded, stateSucceeded, exited] = run.events;
    expect(started).toMatchObject({ previousEventId: entered?.id, mapStateStartedEventDetails: { length: 5 } });
    expect(runStarted).toMatchObject({ previousEventId: started?.id, mapRunStartedEventDetails: { mapRunArn: expect.stringMatching(/^arn:aws:states:us-east-1:123456789012:mapRun:sm-\d+\/Cases:[0-9a-f-]{36}$/) } });
    for (const e of [runSucceeded, stateSucceeded, exited]) expect(e?.previousEventId).toBe(runStarted?.id);
    const mapRun = mapRunOf(engine, run.executionArn);
    expect(mapRun.status).toBe('SUCCEEDED');
    expect(mapRun.itemCounts).toMatchObject({ total: 5, succeeded: 5, pending: 0, running: 0, resultsWritten: 5 });
    engine.stop();
  });

  it('ItemSelector reads $$.Map.Item.Index and Value and the parent context; without a Label the Map Run is named by a UUID stable for the state', async () => {
    // prepare
    const engine = makeEngine();
    const seen: unknown[] = [];
    engine.integrations.register('arn:aws:states:::probe:run', (req) => (seen.push(req.input), req.input));
    const def = distributedMap(
      { ItemsPath: '$.requests', ItemSelector: { 'index.$': '$$.Map.Item.Index', 'value.$': '$$.Map.Item.Value', 'parent.$': '$$.Execution.Id', 'requestId.$': '$.requestId' } },
      'EXPRESS',
      { StartAt: 'P', States: { P: { Type: 'Task', Resource: 'arn:aws:states:::probe:run', End: true } } }
    );
    // act
    const first = await runDefinition(engine, def, { requestId: 'r-1', ...cases(2) });
    // assert
    expect(first.outputValue).toEqual([
      { index: 0, value: { caseId: '0' }, parent: first.executionArn, requestId: 'r-1' },
      { index: 1, value: { caseId: '1' }, parent: first.executionArn, requestId: 'r-1' },
    ]);
    const label = mapRunOf(engine, first.executionArn).label;
    expect(label).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    engine.stop();
  });

  it('Express children keep no history; Standard children have their own, under ARNs named by the Map Run label', async () => {
    // prepare
    const { engine } = withCompute(10);
    // act
    const express = await runDefinition(engine, distributedMap({ ItemsPath: '$.requests', Label: 'Fast' }, 'EXPRESS'), cases(2));
    const standard = await runDefinition(engine, distributedMap({ ItemsPath: '$.requests', Label: 'Slow' }, 'STANDARD'), cases(2));
    // assert
    const [expressChild] = engine.listMapRunExecutions(mapRunOf(engine, express.executionArn).mapRunArn);
    const [standardChild] = engine.listMapRunExecutions(mapRunOf(engine, standard.executionArn).mapRunArn);
    const smName = (arn: string) => arn.split(':')[6];
    expect(expressChild?.executionArn).toMatch(new RegExp(`^arn:aws:states:us-east-1:123456789012:express:${smName(express.stateMachineArn)}/Fast:[0-9a-f-]{36}:[0-9a-f-]{36}$`));
    expect(expressChild?.stateMachineArn).toBe(`${express.stateMachineArn}/Fast`);
    expect(engine.describeExecution(expressChild?.executionArn as string)).toMatchObject({ status: 'SUCCEEDED', mapRunArn: mapRunOf(engine, express.executionArn).mapRunArn, itemCount: 1 });
    expect(() => engine.getExecutionHistory(expressChild?.executionArn as string)).toThrow(expect.objectContaining({ code: 'InvalidArn' }));
    expect(standardChild?.executionArn).toMatch(new RegExp(`^arn:aws:states:us-east-1:123456789012:execution:${smName(standard.stateMachineArn)}/Slow:[0-9a-f-]{36}$`));
    const history = engine.getExecutionHistory(standardChild?.executionArn as string).events;
    expect(types(history)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    expect(history[0]).toMatchObject({ executionStartedEventDetails: { roleArn: 'arn:aws:iam::123456789012:role/local-step-functions' } });
    engine.stop();
  });

  it("children call their services as the parent's role and continue the parent's X-Ray trace", async () => {
    // prepare
    const engine = makeEngine();
    const requests: TaskRequest[] = [];
    engine.integrations.register('arn:aws:states:::probe:run', (req) => (requests.push(req), {}));
    const def = distributedMap({ ItemsPath: '$.xs', Label: 'Traced' }, 'STANDARD', { StartAt: 'P', States: { P: { Type: 'Task', Resource: 'arn:aws:states:::probe:run', End: true } } });
    const roleArn = 'arn:aws:iam::123456789012:role/parent-role';
    const sm = engine.createStateMachine({ name: 'traced-parent', definition: JSON.stringify(def), roleArn, tracingConfiguration: { enabled: true } });
    // act
    const ex = engine.startExecution({ stateMachineArn: sm.stateMachineArn, input: JSON.stringify({ xs: [1, 2, 3] }) });
    const done = await engine.awaitExecution(ex.executionArn);
    // assert
    expect(done.status).toBe('SUCCEEDED');
    expect(requests).toHaveLength(3);
    const root = (done.traceHeader as string).split(';')[0] as string;
    for (const req of requests) {
      expect(req.roleArn).toBe(roleArn);
      expect(req.traceHeader?.startsWith(`${root};Parent=`)).toBe(true);
      expect(req.stateMachineArn).toBe(`${sm.stateMachineArn}/Traced`);
      expect(req.executionArn).toMatch(/:execution:traced-parent\/Traced:/);
    }
    engine.stop();
  });

  it('never runs more children than MaxConcurrency (or MaxConcurrencyPath) at once', async () => {
    // prepare
    const literal = withCompute(100);
    const fromPath = withCompute(100);
    // act
    await runDefinition(literal.engine, distributedMap({ ItemsPath: '$.requests', MaxConcurrency: 4 }), cases(30));
    await runDefinition(fromPath.engine, distributedMap({ ItemsPath: '$.requests', MaxConcurrencyPath: '$.mc' }), { mc: 7, ...cases(30) });
    // assert
    expect([literal.probe.peak(), literal.probe.calls()]).toEqual([4, 30]);
    expect([fromPath.probe.peak(), fromPath.probe.calls()]).toEqual([7, 30]);
    literal.engine.stop();
    fromPath.engine.stop();
  });

  it('starts STANDARD children at most 100 a second and EXPRESS children at most 1,000 a second of simulated time', async () => {
    // prepare
    const { engine } = withCompute(1);
    // act
    const standard = await runDefinition(engine, distributedMap({ ItemsPath: '$.requests' }, 'STANDARD'), cases(250));
    const express = await runDefinition(engine, distributedMap({ ItemsPath: '$.requests' }, 'EXPRESS'), cases(1500));
    // assert: the k-th start waits for k tokens, earned at the type's rate
    for (const [run, rate] of [[standard, 100], [express, 1000]] as const) {
      const starts = engine.listMapRunExecutions(mapRunOf(engine, run.executionArn).mapRunArn).map((e) => e.startDate.getTime()).sort((a, b) => a - b);
      const first = starts[0] as number;
      starts.forEach((t, k) => expect(t - first).toBeGreaterThanOrEqual(Math.floor((k * 1000) / rate) - 1));
    }
    engine.stop();
  });

  it('1,000 cases of 5 s with MaxConcurrency 1,000 run as one wave: all 1,000 run at once', async () => {
    // prepare: a slower clock, so the 1 s start ramp and the 5 s tasks are far apart in real time too
    const { engine, probe } = withCompute(5000, { timeScale: 10 });
    // act
    const run = await runDefinition(engine, distributedMap({ ItemsPath: '$.requests', MaxConcurrency: 1000 }), cases(1000));
    // assert
    expect(run.status).toBe('SUCCEEDED');
    expect(probe.peak()).toBe(1000);
    const children = engine.listMapRunExecutions(mapRunOf(engine, run.executionArn).mapRunArn);
    const lastStart = Math.max(...children.map((c) => c.startDate.getTime()));
    const firstStop = Math.min(...children.map((c) => (c.stopDate as Date).getTime()));
    expect(lastStart).toBeLessThan(firstStop);
    engine.stop();
  });

  it('ItemBatcher groups items into { BatchInput, Items }; an inline Map in each child goes over its batch', async () => {
    // prepare
    const { engine, probe } = withCompute(10);
    const processor = { StartAt: 'Each', States: { Each: { Type: 'Map', ItemsPath: '$.Items', ItemProcessor: { StartAt: 'C', States: { C: invoke() } }, End: true } } };
    const def = distributedMap({ ItemsPath: '$.requests', ItemBatcher: { MaxItemsPerBatch: 3, BatchInput: { 'requestId.$': '$.requestId' } } }, 'EXPRESS', processor);
    // act
    const run = await runDefinition(engine, def, { requestId: 'r-9', ...cases(10) });
    // assert
    expect(run.outputValue).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]].map((batch) => batch.map((i) => ({ caseId: String(i) }))));
    const mapRun = mapRunOf(engine, run.executionArn);
    expect([mapRun.itemCounts.total, mapRun.executionCounts.total, probe.calls()]).toEqual([10, 4, 10]);
    const [lastChild] = engine.listMapRunExecutions(mapRun.mapRunArn);
    expect(JSON.parse(lastChild?.input as string)).toEqual({ BatchInput: { requestId: 'r-9' }, Items: [{ caseId: '9' }] });
    expect(lastChild?.itemCount).toBe(1);
    engine.stop();
  });

  it('MaxInputBytesPerBatch bounds the whole batch input, BatchInput included', async () => {
    // prepare: each item is {"caseId":"N"} (14 bytes); {"Items":[]} is 12 bytes
    const engine = makeEngine();
    const def = distributedMap({ ItemsPath: '$.requests', ItemBatcher: { MaxInputBytesPerBatch: 12 + 14 * 3 + 2 } }, 'EXPRESS', { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    // act
    const run = await runDefinition(engine, def, cases(7));
    // assert
    expect((run.outputValue as { Items: unknown[] }[]).map((b) => b.Items.length)).toEqual([3, 3, 1]);
    engine.stop();
  });

  it('failures within the tolerated threshold: the Map succeeds and each failed child is its execution record', async () => {
    // prepare
    const { engine } = withCompute(10);
    const input = cases(10, (i) => ({ fail: i === 3 || i === 7 }));
    // act
    const run = await runDefinition(engine, distributedMap({ ItemsPath: '$.requests', ToleratedFailureCount: 2 }), input);
    // assert
    expect(run.status).toBe('SUCCEEDED');
    const out = run.outputValue as Record<string, unknown>[];
    expect(out[0]).toEqual({ caseId: '0' });
    expect(out[3]).toMatchObject({ Status: 'FAILED', Error: 'CaseFailed', Input: JSON.stringify(input.requests[3]), ExecutionArn: expect.stringContaining(':express:') });
    expect(JSON.parse(out[3]?.['Cause'] as string)).toMatchObject({ errorType: 'CaseFailed', errorMessage: 'case 3 failed' });
    expect(mapRunOf(engine, run.executionArn).itemCounts).toMatchObject({ succeeded: 8, failed: 2, total: 10 });
    engine.stop();
  });

  it('failures over the threshold fail the Map with States.ExceedToleratedFailureThreshold, which Catch can handle', async () => {
    // prepare
    const { engine } = withCompute(10);
    const input = cases(10, (i) => ({ fail: i < 3 }));
    const caught = { ...(distributedMap({ ItemsPath: '$.requests', ToleratedFailurePercentage: 20 }) as { States: { S: Record<string, unknown> } }) };
    caught.States = { S: { ...caught.States.S, End: undefined, Next: 'Done', Catch: [{ ErrorEquals: ['States.ExceedToleratedFailureThreshold'], Next: 'Done' }] }, Done: { Type: 'Pass', End: true } } as never;
    // act
    const failed = await runDefinition(engine, distributedMap({ ItemsPath: '$.requests', ToleratedFailurePercentage: 20 }), input);
    const handled = await runDefinition(engine, caught, input);
    // assert
    expect(failed).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold', cause: 'The specified tolerated failure threshold was exceeded' });
    expect(types(failed.events).slice(-3)).toEqual(['MapRunFailed', 'MapStateFailed', 'ExecutionFailed']);
    expect(failed.events.at(-3)).toMatchObject({ mapRunFailedEventDetails: { error: 'States.ExceedToleratedFailureThreshold', cause: 'The specified tolerated failure threshold was exceeded' } });
    expect(mapRunOf(engine, failed.executionArn).status).toBe('FAILED');
    expect(handled.status).toBe('SUCCEEDED');
    expect(handled.outputValue).toEqual({ Error: 'States.ExceedToleratedFailureThreshold', Cause: 'The specified tolerated failure threshold was exceeded' });
    engine.stop();
  });

  it('with no threshold stated one failed child fails the Map Run; the items not started stay pending', async () => {
    // prepare
    const { engine } = withCompute(10);
    // act
    const run = await runDefinition(engine, distributedMap({ ItemsPath: '$.requests', MaxConcurrency: 1 }), cases(5, (i) => ({ fail: i === 1 })));
    // assert
    expect(run.error).toBe('States.ExceedToleratedFailureThreshold');
    expect(mapRunOf(engine, run.executionArn).itemCounts).toMatchObject({ succeeded: 1, failed: 1, pending: 3, running: 0, total: 5 });
    engine.stop();
  });

  it('StopExecution of the parent aborts its running children and the Map Run', async () => {
    // prepare
    const engine = makeEngine();
    const wait = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 100_000, End: true } } };
    const sm = engine.createStateMachine({ name: 'stoppable', definition: JSON.stringify(distributedMap({ ItemsPath: '$.requests', MaxConcurrency: 3 }, 'STANDARD', wait)) });
    const ex = engine.startExecution({ stateMachineArn: sm.stateMachineArn, input: JSON.stringify(cases(5)) });
    await new Promise((r) => setTimeout(r, 50));
    // act
    engine.stopExecution(ex.executionArn);
    const done = await engine.awaitExecution(ex.executionArn);
    await new Promise((r) => setTimeout(r, 10));
    // assert
    expect(done.status).toBe('ABORTED');
    const mapRun = mapRunOf(engine, ex.executionArn);
    expect(mapRun.status).toBe('ABORTED');
    expect(mapRun.executionCounts).toMatchObject({ aborted: 3, pending: 2, running: 0, total: 5 });
    const children = engine.listMapRunExecutions(mapRun.mapRunArn);
    expect(children.map((c) => c.status)).toEqual(['ABORTED', 'ABORTED', 'ABORTED']);
    expect(types(engine.getExecutionHistory(children[0]?.executionArn as string).events).slice(-2)).toEqual(['WaitStateEntered', 'ExecutionAborted']);
    engine.stop();
  });

  it('an Express child running past 5 minutes times out and counts as a failed item', async () => {
    // prepare
    const engine = makeEngine();
    // Well past the 300 s limit: at this time scale, 1 real ms is 1 simulated second.
    const wait = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 400, End: true } } };
    // act
    const run = await runDefinition(engine, distributedMap({ ItemsPath: '$.requests', ToleratedFailureCount: 1 }, 'EXPRESS', wait), cases(1));
    // assert
    expect(run.status).toBe('SUCCEEDED');
    expect(run.outputValue).toEqual([expect.objectContaining({ Status: 'TIMED_OUT', Error: 'States.Timeout' })]);
    expect(mapRunOf(engine, run.executionArn).itemCounts).toMatchObject({ timedOut: 1, failed: 0 });
    engine.stop();
  });

  it('an item whose child input would pass 256 KiB fails the Map with States.DataLimitExceeded before any child starts', async () => {
    // prepare: ItemSelector doubles each item
    const { engine, probe } = withCompute(1);
    const big = 'x'.repeat(140_000);
    // act
    const run = await runDefinition(engine, distributedMap({ ItemsPath: '$.requests', ItemSelector: { 'a.$': '$$.Map.Item.Value.a', 'b.$': '$$.Map.Item.Value.a' } }), { requests: [{ a: 'small' }, { a: big.slice(0, 1000) }, { a: big }] });
    // assert
    expect(run.error).toBe('States.DataLimitExceeded');
    expect(run.cause).toContain('item 2');
    expect(probe.calls()).toBe(0);
    engine.stop();
  });
});
