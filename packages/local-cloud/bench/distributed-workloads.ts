/**
 * Distributed Map workloads (benchmark, not a test): wall time against the ideal, CPU and RSS for
 * 1,000 and 10,000 children of 50 ms tasks at MaxConcurrency 1,000, Express and Standard, with
 * AWS's child start rates on and off; and the pattern's goal in simulated time: 1,000 cases of
 * 5 s, and 10,000 cases read from S3 and written back through a ResultWriter.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { EXTERNAL_CALLER } from '../src/core/caller';
import { Clock } from '../src/core/clock';
import { Scope } from '../src/core/scope';
import { S3Model } from '../src/s3';
import { registerLocalLambdas, StepFunctionsEngine, type EngineLimits, type LambdaHandler } from '../src/stepfunctions';

const TASK_MS = 50;
const CONCURRENCY = 1000;
const BUCKET = 'bench';

type ChildType = 'EXPRESS' | 'STANDARD';

function definition(type: ChildType, source: Record<string, unknown>): unknown {
  const compute = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'compute', 'Payload.$': '$' }, OutputPath: '$.Payload', End: true };
  return {
    StartAt: 'Cases',
    States: { Cases: { Type: 'Map', MaxConcurrency: CONCURRENCY, Label: 'Cases', ...source, ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: type }, StartAt: 'Compute', States: { Compute: compute } }, End: true } },
  };
}

const requests = (n: number): { caseId: string }[] => Array.from({ length: n }, (_, i) => ({ caseId: String(i) }));

interface Workload {
  label: string;
  cases: number;
  type: ChildType;
  /** Ideal wall (or simulated) time in ms. */
  ideal: number;
  limits?: Partial<EngineLimits>;
  timeScale?: number;
  /** Task time in simulated ms (the clock's sleep), instead of a real 50 ms sleep. */
  simulatedTaskMs?: number;
  /** Items from a JSON Lines object in S3, results through a ResultWriter. */
  s3?: boolean;
}

async function run(w: Workload): Promise<void> {
  const clock = new Clock({ timeScale: w.timeScale ?? 1 });
  const s3 = w.s3 ? new S3Model({ clock }) : undefined;
  const engine = new StepFunctionsEngine({ clock, ...(s3 ? { s3 } : {}), ...(w.limits ? { limits: w.limits } : {}) });
  const scope = new Scope();
  const compute: LambdaHandler = async (event) => {
    if (w.simulatedTaskMs !== undefined) await clock.sleep(w.simulatedTaskMs, scope);
    else await sleep(TASK_MS);
    return { caseId: (event as { caseId: string }).caseId };
  };
  registerLocalLambdas(engine.integrations, new Map([['compute', compute]]));
  let input: unknown = { requests: requests(w.cases) };
  let source: Record<string, unknown> = { ItemsPath: '$.requests' };
  if (s3) {
    s3.buckets.create({ name: BUCKET, caller: EXTERNAL_CALLER });
    await s3.putObject(BUCKET, 'cases.jsonl', requests(w.cases).map((r) => JSON.stringify(r)).join('\n'), EXTERNAL_CALLER);
    input = {};
    source = {
      ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSONL' }, Parameters: { Bucket: BUCKET, Key: 'cases.jsonl' } },
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: BUCKET, Prefix: 'results' } },
    };
  }
  const sm = engine.createStateMachine({ name: `bench-${w.type.toLowerCase()}-${w.cases}`, definition: JSON.stringify(definition(w.type, source)) });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const ex = engine.startExecution({ stateMachineArn: sm.stateMachineArn, input: JSON.stringify(input) });
  const done = await engine.awaitExecution(ex.executionArn);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const [mapRun] = engine.listMapRuns(ex.executionArn);
  const events = done.history.all();
  const makespan = (events.find((e) => e.type === 'MapStateExited')?.timestamp.getTime() ?? NaN) - (events.find((e) => e.type === 'MapStateEntered')?.timestamp.getTime() ?? NaN);
  const counts = mapRun?.itemCounts;
  const simulated = w.timeScale !== undefined && w.timeScale !== 1;
  const measured = simulated ? makespan : wall;
  console.log(
    `${w.label}\n  status ${done.status}, ${simulated ? `simulated makespan ${(makespan / 1000).toFixed(2)} s (wall ${wall.toFixed(0)} ms)` : `wall ${wall.toFixed(0)} ms`}, ` +
      `ideal ${simulated ? `${(w.ideal / 1000).toFixed(2)} s` : `${w.ideal} ms`}, ratio ${(measured / w.ideal).toFixed(3)}x, CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms, ` +
      `succeeded ${counts?.succeeded}/${counts?.total}, parent history ${done.history.size} events, ` +
      `RSS now ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB, peak so far ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`
  );
  if (done.status !== 'SUCCEEDED' || counts?.succeeded !== w.cases) process.exitCode = 1;
  engine.stop();
  s3?.close();
}

/** Express children start at up to 1,000 a second and Standard ones at up to 100: the ramp bounds the ideal. */
const rampMs = (cases: number, perSecond: number): number => Math.ceil((cases / perSecond) * 1000);
const wavesMs = (cases: number, taskMs: number): number => Math.ceil(cases / CONCURRENCY) * taskMs;

export async function runDistributedWorkloads(): Promise<void> {
  console.log(`Distributed Map: task ${TASK_MS} ms, MaxConcurrency ${CONCURRENCY}; ideal = the start ramp at AWS's rate (or none when switched off), then the last task`);
  const noRate = { expressChildStartsPerSecond: Infinity, standardChildStartsPerSecond: Infinity };
  const workloads: Workload[] = [
    { label: 'D1. 1,000 Express children, start rate 1,000/s', cases: 1000, type: 'EXPRESS', ideal: rampMs(1000, 1000) + TASK_MS },
    { label: 'D2. 10,000 Express children, start rate 1,000/s', cases: 10_000, type: 'EXPRESS', ideal: rampMs(10_000, 1000) + TASK_MS },
    { label: 'D3. 10,000 Express children, start rate off (engine overhead: 10 waves)', cases: 10_000, type: 'EXPRESS', ideal: wavesMs(10_000, TASK_MS), limits: noRate },
    { label: 'D4. 10,000 Standard children (own histories), start rate off', cases: 10_000, type: 'STANDARD', ideal: wavesMs(10_000, TASK_MS), limits: noRate },
    { label: 'D5. Goal: 1,000 cases of 5 s, Express, timeScale 100 (target: makespan <= 10 s)', cases: 1000, type: 'EXPRESS', ideal: rampMs(1000, 1000) + 5000, timeScale: 100, simulatedTaskMs: 5000 },
    { label: 'D6. 10,000 cases of 5 s from S3 (JSONL) through a ResultWriter, timeScale 100', cases: 10_000, type: 'EXPRESS', ideal: 1000 + wavesMs(10_000, 5000), timeScale: 100, simulatedTaskMs: 5000, s3: true },
  ];
  for (const w of workloads) await run(w);
}
