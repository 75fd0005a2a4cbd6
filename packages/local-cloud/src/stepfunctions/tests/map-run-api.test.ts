// The Map Run APIs and a Distributed Map's children through the real SDK: DescribeMapRun, ListMapRuns, UpdateMapRun, ListExecutions by mapRunArn, DescribeExecution, DescribeStateMachineForExecution, GetExecutionHistory.
import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  StartExecutionCommand,
  UpdateMapRunCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { cases, distributedMap } from './distributed-helpers';
import { createMachine, makeEngine, serveForSdk } from './helpers';

/** A compute stand-in that holds every call until released; `waiting` counts the calls it holds. */
function gate() {
  const held: (() => void)[] = [];
  let open = false;
  const handler = async (event: unknown) => {
    if (!open) await new Promise<void>((resolve) => held.push(resolve));
    const e = event as Record<string, unknown>;
    if (e['fail'] === true) throw Object.assign(new Error('failed'), { name: 'CaseFailed' });
    return { caseId: e['caseId'] };
  };
  return {
    handler,
    waiting: () => held.length,
    /** Lets the held calls go, one by one or all (and every later one). */
    release(n = Infinity) {
      if (n === Infinity) open = true;
      for (let i = 0; i < n && held.length > 0; i++) held.shift()?.();
    },
  };
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('Map Run API', () => {
  let calls = gate();
  const engine = makeEngine({ compute: async (e) => calls.handler(e) });
  const sdk = serveForSdk(engine);
  let n = 0;
  const start = async (fields: Record<string, unknown>, input: unknown, type: 'EXPRESS' | 'STANDARD' = 'EXPRESS') => {
    const sfn: SFNClient = sdk();
    const stateMachineArn = await createMachine(sfn, `map-run-api-${++n}`, JSON.stringify(distributedMap(fields, type)));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
    return { stateMachineArn, executionArn: executionArn as string };
  };
  const mapRunArnOf = async (executionArn: string): Promise<string> => {
    let arn: string | undefined;
    await until(async () => Boolean((arn = (await sdk().send(new ListMapRunsCommand({ executionArn }))).mapRuns?.[0]?.mapRunArn)), 'the Map Run');
    return arn as string;
  };

  it('describes a running Map Run, applies UpdateMapRun at once, lists runs and children, and describes the children', async () => {
    // prepare
    const sfn = sdk();
    const { stateMachineArn, executionArn } = await start({ ItemsPath: '$.requests', MaxConcurrency: 1, Label: 'Cases' }, cases(6));
    const mapRunArn = await mapRunArnOf(executionArn);
    await until(() => calls.waiting() === 1, 'the first child');
    // act: while running
    const running = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    await sfn.send(new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 3 }));
    await until(() => calls.waiting() === 3, 'three children at once');
    calls.release();
    await engine.awaitExecution(executionArn);
    const done = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    const runs = await sfn.send(new ListMapRunsCommand({ executionArn }));
    const children = await sfn.send(new ListExecutionsCommand({ mapRunArn }));
    const failedOnes = await sfn.send(new ListExecutionsCommand({ mapRunArn, statusFilter: 'FAILED' }));
    const childArn = children.executions?.[0]?.executionArn as string;
    const child = await sfn.send(new DescribeExecutionCommand({ executionArn: childArn }));
    const childMachine = await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn: childArn }));
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    // assert
    expect(running).toMatchObject({ mapRunArn, executionArn, status: 'RUNNING', maxConcurrency: 1, toleratedFailureCount: 0, toleratedFailurePercentage: 0, redriveCount: 0 });
    expect(running.stopDate).toBeUndefined();
    expect(running.itemCounts).toEqual({ pending: 5, running: 1, succeeded: 0, failed: 0, timedOut: 0, aborted: 0, total: 6, resultsWritten: 0, failuresNotRedrivable: 0, pendingRedrive: 0 });
    expect(done).toMatchObject({ status: 'SUCCEEDED', maxConcurrency: 3, itemCounts: { succeeded: 6, pending: 0, running: 0, total: 6 }, executionCounts: { succeeded: 6, total: 6 } });
    expect(done.stopDate).toBeInstanceOf(Date);
    expect(runs.mapRuns).toEqual([{ executionArn, mapRunArn, stateMachineArn: `${stateMachineArn}/Cases`, startDate: expect.any(Date), stopDate: expect.any(Date) }]);
    expect(children.executions).toHaveLength(6);
    expect(children.executions?.[0]).toMatchObject({ stateMachineArn: `${stateMachineArn}/Cases`, status: 'SUCCEEDED', mapRunArn, itemCount: 1 });
    expect(failedOnes.executions).toEqual([]);
    expect(child).toMatchObject({ executionArn: childArn, stateMachineArn: `${stateMachineArn}/Cases`, status: 'SUCCEEDED', mapRunArn });
    expect(childMachine).toMatchObject({ stateMachineArn: `${stateMachineArn}/Cases`, name: `map-run-api-${n}/Cases`, mapRunArn, label: 'Cases', roleArn: 'arn:aws:iam::123456789012:role/r' });
    expect(JSON.parse(childMachine.definition as string)).toMatchObject({ StartAt: 'C' });
    expect(history.events?.find((e) => e.type === 'MapRunStarted')?.mapRunStartedEventDetails).toEqual({ mapRunArn });
    await expect(sfn.send(new GetExecutionHistoryCommand({ executionArn: childArn }))).rejects.toMatchObject({ name: 'InvalidArn' });
  });

  it('UpdateMapRun lowering the tolerated failure count fails a run that is already past it', async () => {
    // prepare
    const sfn = sdk();
    calls = gate();
    const { executionArn } = await start({ ItemsPath: '$.requests', MaxConcurrency: 1, ToleratedFailureCount: 5 }, cases(4, (i) => ({ fail: i < 2 })), 'STANDARD');
    const mapRunArn = await mapRunArnOf(executionArn);
    for (const failed of [1, 2]) {
      await until(() => calls.waiting() === 1, `child ${failed}`);
      calls.release(1);
      await until(async () => (await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).itemCounts?.failed === failed, `${failed} failed children`);
    }
    await until(() => calls.waiting() === 1, 'the third child');
    // act
    await sfn.send(new UpdateMapRunCommand({ mapRunArn, toleratedFailureCount: 1 }));
    const done = await engine.awaitExecution(executionArn);
    calls.release();
    // assert: the running STANDARD child is stopped, the last item never starts
    expect(done).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
    expect(await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).toMatchObject({
      status: 'FAILED',
      toleratedFailureCount: 1,
      itemCounts: { failed: 2, aborted: 1, pending: 1, running: 0, succeeded: 0, total: 4 },
    });
  });

  it("answers AWS's errors: InvalidArn, ResourceNotFound, ExecutionDoesNotExist, ValidationException", async () => {
    // prepare
    const sfn = sdk();
    const { stateMachineArn, executionArn } = await start({ ItemsPath: '$.requests' }, cases(1));
    const mapRunArn = await mapRunArnOf(executionArn);
    await engine.awaitExecution(executionArn);
    const unknown = mapRunArn.replace(/:[^:]+$/, ':00000000-0000-0000-0000-000000000000');
    // act / assert
    await expect(sfn.send(new DescribeMapRunCommand({ mapRunArn: 'not-an-arn' }))).rejects.toMatchObject({ name: 'InvalidArn' });
    await expect(sfn.send(new DescribeMapRunCommand({ mapRunArn: unknown }))).rejects.toMatchObject({ name: 'ResourceNotFound' });
    await expect(sfn.send(new ListMapRunsCommand({ executionArn: `${executionArn}-nope` }))).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
    await expect(sfn.send(new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 5 }))).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining('has ended') });
    await expect(sfn.send(new UpdateMapRunCommand({ mapRunArn, toleratedFailurePercentage: 101 }))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(sfn.send(new UpdateMapRunCommand({ mapRunArn }))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(sfn.send(new ListExecutionsCommand({ mapRunArn, stateMachineArn }))).rejects.toMatchObject({ name: 'ValidationException' });
  });
});
