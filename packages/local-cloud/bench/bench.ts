/**
 * Benchmark (not a test): wall time against the ideal and peak RSS for the two fan-out
 * workloads, with full history recording, plus the same first workload with AWS's 25,000-event
 * history limit on (it must fail as on AWS); then the Distributed Map workloads
 * (distributed-workloads.ts). Run: `npx nx run local-cloud:bench`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { AWS_LIMITS } from '@fanout/shared-types';
import { registerLocalLambdas, StepFunctionsEngine, type ExecutionRecord } from '../src/stepfunctions';
import { runDistributedWorkloads } from './distributed-workloads';

const TASK_MS = 50;
const CAP = AWS_LIMITS.inlineMapMaxConcurrency;

/** The seeds' slotted shape: chunks of `slots` consecutive cases dealt round-robin to the slots. */
function slotted(cases: number, slots: number): unknown {
  const requestSlots = Array.from({ length: slots }, () => ({ requests: [] as { caseId: string }[] }));
  for (let i = 0; i < cases; i++) requestSlots[Math.floor(i / slots) % slots]?.requests.push({ caseId: String(i) });
  return { requestId: '123456', requestSlots };
}
function flat(cases: number): unknown {
  return { requestId: '123456', requests: Array.from({ length: cases }, (_, i) => ({ caseId: String(i) })), length: String(cases) };
}

const computeTask = {
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: 'compute', 'Payload.$': '$' },
  ResultSelector: { 'caseId.$': '$.Payload.caseId' },
  End: true,
};
function inlineMap(itemsPath: string, suffix: string): Record<string, unknown> {
  const task = `Compute${suffix}`;
  return { Type: 'Map', ItemsPath: itemsPath, MaxConcurrency: 0, ItemProcessor: { StartAt: task, States: { [task]: computeTask } }, End: true };
}
const mapInParallel = {
  StartAt: 'Slots',
  States: {
    Slots: {
      Type: 'Parallel',
      End: true,
      Branches: [0, 1, 2].map((i) => ({ StartAt: `Slot${i}`, States: { [`Slot${i}`]: inlineMap(`$.requestSlots[${i}].requests`, String(i)) } })),
    },
  },
};
const plainMap = { StartAt: 'Cases', States: { Cases: inlineMap('$.requests', '') } };

interface Figures {
  status: string;
  wallMs: number;
  cpuMs: number;
  idealMs: number;
  events: number;
  error?: string;
}

async function run(name: string, definition: unknown, input: unknown, idealMs: number, historyEvents: number): Promise<Figures> {
  const engine = new StepFunctionsEngine({ limits: { historyEvents } });
  registerLocalLambdas(
    engine.integrations,
    new Map([
      [
        'compute',
        async (event: unknown) => {
          await sleep(TASK_MS);
          return { caseId: (event as { caseId: string }).caseId, durationMs: TASK_MS };
        },
      ],
    ])
  );
  const sm = engine.createStateMachine({ name, definition: JSON.stringify(definition) });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const ex = engine.startExecution({ stateMachineArn: sm.stateMachineArn, input: JSON.stringify(input) });
  const done: ExecutionRecord = await engine.awaitExecution(ex.executionArn);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const figures: Figures = { status: done.status, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, idealMs, events: done.history.size };
  if (done.error) figures.error = `${done.error}: ${done.cause ?? ''}`;
  return figures;
}

function report(label: string, f: Figures): void {
  const ratio = f.wallMs / f.idealMs;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${label}\n  status ${f.status}, wall ${f.wallMs.toFixed(0)} ms, ideal ${f.idealMs} ms, ratio ${ratio.toFixed(3)}x, ` +
      `history ${f.events} events, CPU ${f.cpuMs.toFixed(0)} ms, peak RSS so far ${rssMb.toFixed(1)} MB${f.error ? `\n  ${f.error}` : ''}`
  );
}

async function main(): Promise<void> {
  const waves = (n: number): number => Math.ceil(n / CAP) * TASK_MS;
  console.log(`node ${process.version}; task ${TASK_MS} ms; inline Map cap ${CAP}; RSS at start ${(process.memoryUsage().rss / 1048576).toFixed(1)} MB`);

  const perSlot = Math.ceil(9_999 / 3);
  const w1 = await run('map-in-parallel', mapInParallel, slotted(9_999, 3), waves(perSlot), Infinity);
  report(`1. Parallel of 3 inline Maps over 9,999 cases (history limit off; ideal = ${Math.ceil(perSlot / CAP)} waves x ${TASK_MS} ms)`, w1);

  const w2 = await run('plain-map', plainMap, flat(10_000), waves(10_000), Infinity);
  report(`2. Inline Map over 10,000 cases (history limit off; ideal = ${Math.ceil(10_000 / CAP)} waves x ${TASK_MS} ms)`, w2);

  const limit = AWS_LIMITS.historyEvents.toLocaleString('en-US');
  const w3 = await run('map-in-parallel-limited', mapInParallel, slotted(9_999, 3), waves(perSlot), AWS_LIMITS.historyEvents);
  report(`3. Workload 1 with the ${limit}-event history limit on (AWS fails it)`, w3);
  const w4 = await run('plain-map-limited', plainMap, flat(10_000), waves(10_000), AWS_LIMITS.historyEvents);
  report(`4. Workload 2 with the ${limit}-event history limit on (AWS fails it)`, w4);
  for (const [n, w] of [
    [3, w3],
    [4, w4],
  ] as const) {
    if (w.status !== 'FAILED' || w.events !== AWS_LIMITS.historyEvents) {
      console.error(`unexpected: workload ${n} should fail with exactly ${limit} events`);
      process.exitCode = 1;
    }
  }

  // Context, not a target: the same sleeps without any engine (Node's timer lateness alone).
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 120 }, async () => {
      for (let i = 0; i < Math.ceil(perSlot / CAP); i++) await sleep(TASK_MS);
    })
  );
  const floor = performance.now() - t0;
  console.log(
    `timer floor: 120 loops of ${Math.ceil(perSlot / CAP)} x sleep(${TASK_MS}) without the engine take ${floor.toFixed(0)} ms (${(
      floor / waves(perSlot)
    ).toFixed(3)}x)`
  );

  await runDistributedWorkloads();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
