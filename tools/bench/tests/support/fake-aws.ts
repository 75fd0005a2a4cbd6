/**
 * A stand-in for AWS that the bench's `--target aws` code path runs against by endpoint URL:
 * the local Step Functions engine with infra's own state machine definitions, the real Lambda
 * handlers (compute-direct, compute-callback, summary) run in process with their logs in
 * CloudWatch's format, an EventBridge stand-in that invokes compute-callback asynchronously
 * (optionally delivering a case twice, or never), and the STS, Lambda, Logs and SQS reads the
 * bench makes. `writeOutputs` writes the outputs file `infra:deploy` would.
 */
import { writeFileSync } from 'node:fs';
import { createComputeCallbackHandler } from '@fanout/compute-callback/src/handler';
import { createComputeDirectHandler } from '@fanout/compute-direct/src/handler';
import { mapEventBridgeCallbackDefinition, mapInParallelDefinition } from '@fanout/infra/src/asl/definitions';
import { createLogger } from '@fanout/lambda-log';
import { type GatewayService, type RunningGateway, StepFunctionsEngine, registerLocalLambdas, registerPutEvents, startGateway, stepFunctionsService } from '@fanout/local-cloud';
import { createSummaryHandler } from '@fanout/summary/src/handler';
import { createTracer } from '@fanout/tracing';
import { FakeLambda, type Handler, LogStore } from './fake-lambda';
import { lambdaService, logsService, sqsService, stsService } from './fake-services';

export type FakeService = 'logs' | 'sts' | 'lambda' | 'sqs';

export interface FakeAwsProps {
  timeScale: number;
  /** COMPUTE_MS of the computing functions. */
  computeMs: number;
  slotCount?: number;
  toleratedFailurePercentage?: number;
  /** Services left out, to see the bench degrade (or refuse). */
  without?: FakeService[];
  rejectCredentials?: boolean;
  /** Callback pattern: caseIds whose event is delivered twice, or never. */
  duplicatedCases?: string[];
  lostCases?: string[];
  callbackTimeoutSeconds?: number;
}

export interface FakeAws {
  url: string;
  engine: StepFunctionsEngine;
  lambda: FakeLambda;
  queues: Map<string, number>;
  outputs: Record<string, Record<string, string | number>>;
  writeOutputs(file: string): void;
  stop(): Promise<void>;
}

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const fnArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
/** EventBridge and Lambda's async queue before compute-callback starts, simulated ms. */
const DELIVERY_DELAY_MS = 40;

export async function startFakeAws(props: FakeAwsProps): Promise<FakeAws> {
  const engine = new StepFunctionsEngine({ timeScale: props.timeScale });
  const { clock } = engine;
  const lambda = new FakeLambda(clock, new LogStore());
  const slotCount = props.slotCount ?? 3;
  const tolerated = props.toleratedFailurePercentage ?? 100;
  // Queue URLs on the gateway itself, as the local cloud gives them (the SDK sends each request to its queue's host).
  const queues = new Map<string, number>();
  let endpoint = '';
  const queueUrl = (name: string): string => `${endpoint}/${ACCOUNT}/${name}`;
  const sleep = (ms: number) => new Promise<void>((resolve) => clock.schedule(ms, resolve));
  const quiet = (group: string) => createLogger({ level: 'info', write: lambda.writerFor(group), now: () => new Date(clock.now()) });
  const tracer = createTracer({ isActive: () => false, logger: createLogger({ level: 'error', write: () => undefined }) });

  const define = (name: string, memoryMb: number, make: (group: string) => Handler, computeMs?: number) => {
    const logGroup = `/aws/lambda/${name}`;
    lambda.register({ name, memoryMb, logGroup, handler: make(logGroup), ...(computeMs === undefined ? {} : { computeMs }) });
  };
  define('fanout-map-in-parallel-compute-direct', 256, (g) => createComputeDirectHandler({ logger: quiet(g), tracer, defaultDurationMs: () => props.computeMs, sleep }) as Handler, props.computeMs);
  // The Summary's metrics (an EMF line on stdout by default) are nothing the bench reads.
  const summary = (g: string) => createSummaryHandler({ logger: quiet(g), publishMetrics: () => undefined }) as Handler;
  define('fanout-map-in-parallel-summary', 512, summary);
  define('fanout-map-eventbridge-callback-summary', 512, summary);
  define(
    'fanout-map-eventbridge-callback-compute-callback',
    256,
    (g) =>
      createComputeCallbackHandler({
        logger: quiet(g),
        tracer,
        defaultDurationMs: () => props.computeMs,
        sleep,
        reporter: {
          warmUp: () => undefined,
          // The engine's API errors carry AWS's code; the SDK raises them under that name.
          success: async (token, output) => rethrowAsSdk(() => engine.sendTaskSuccess(token, JSON.stringify(output))),
          failure: async (token, error, cause) => rethrowAsSdk(() => engine.sendTaskFailure(token, error, cause)),
        },
      }) as Handler,
    props.computeMs,
  );

  const invokeSync = new Map([...lambda.functions.keys()].map((name) => [name, (event: unknown, ctx: { awsRequestId: string }) => lambda.invoke(name, event, ctx.awsRequestId)]));
  registerLocalLambdas(engine.integrations, invokeSync);
  const deliver = (event: unknown) =>
    clock.schedule(DELIVERY_DELAY_MS, () => {
      lambda.invoke('fanout-map-eventbridge-callback-compute-callback', event).catch(() => {
        // Lambda's async retries are spent: the event goes to the function's on-failure queue.
        queues.set(queueUrl('callback-failures'), (queues.get(queueUrl('callback-failures')) ?? 0) + 1);
      });
    });
  registerPutEvents(engine.integrations, (entries) => {
    for (const entry of entries) {
      const detail = JSON.parse(String(entry.Detail)) as { payload: { request: { caseId?: unknown } } };
      const event = { version: '0', id: `ev-${Math.random()}`, 'detail-type': entry.DetailType, source: entry.Source, account: ACCOUNT, time: new Date(clock.now()).toISOString(), region: REGION, resources: entry.Resources, detail };
      const caseId = String(detail.payload.request.caseId);
      if (props.lostCases?.includes(caseId)) continue;
      deliver(event);
      if (props.duplicatedCases?.includes(caseId)) deliver(event);
    }
    return { FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: `e${i}` })) };
  });

  const without = new Set(props.without ?? []);
  const extra: [FakeService, GatewayService][] = [
    ['logs', logsService(lambda.logs)],
    ['sts', stsService({ rejectCredentials: props.rejectCredentials ?? false })],
    ['lambda', lambdaService(lambda)],
    ['sqs', sqsService(queues)],
  ];
  const gateway: RunningGateway = await startGateway({ services: [stepFunctionsService(engine), ...extra.filter(([name]) => !without.has(name)).map(([, s]) => s)], port: 0 });
  endpoint = gateway.url;
  queues.set(queueUrl('callback-dlq'), 0);
  queues.set(queueUrl('callback-failures'), 0);

  const common = { summaryTimeoutSeconds: 70, executionTimeoutSeconds: 3600, toleratedFailurePercentage: tolerated };
  const parallel = engine.createStateMachine({
    name: 'fanout-map-in-parallel',
    definition: JSON.stringify(mapInParallelDefinition({ ...common, slotCount, computeFunctionArn: fnArn('fanout-map-in-parallel-compute-direct'), summaryFunctionArn: fnArn('fanout-map-in-parallel-summary'), computeTimeoutSeconds: 40 })),
  });
  const callback = engine.createStateMachine({
    name: 'fanout-map-eventbridge-callback',
    definition: JSON.stringify(
      mapEventBridgeCallbackDefinition({ ...common, eventBusName: 'fanout-map-eventbridge-callback', summaryFunctionArn: fnArn('fanout-map-eventbridge-callback-summary'), callbackTimeoutSeconds: props.callbackTimeoutSeconds ?? 300 }),
    ),
  });
  const outputs = {
    'map-in-parallel': { stateMachineArn: parallel.stateMachineArn, stateMachineName: parallel.name, slotCount, computeFunctionName: 'fanout-map-in-parallel-compute-direct', summaryFunctionName: 'fanout-map-in-parallel-summary' },
    'map-eventbridge-callback': {
      stateMachineArn: callback.stateMachineArn,
      stateMachineName: callback.name,
      eventBusName: 'fanout-map-eventbridge-callback',
      deadLetterQueueUrl: queueUrl('callback-dlq'),
      computeFailureQueueUrl: queueUrl('callback-failures'),
      computeFunctionName: 'fanout-map-eventbridge-callback-compute-callback',
      summaryFunctionName: 'fanout-map-eventbridge-callback-summary',
    },
  };

  return {
    url: gateway.url,
    engine,
    lambda,
    queues,
    outputs,
    writeOutputs: (file) => writeFileSync(file, JSON.stringify(outputs, null, 2)),
    stop: async () => {
      engine.stop();
      await gateway.close();
    },
  };
}

function rethrowAsSdk(call: () => void): void {
  try {
    call();
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw code ? Object.assign(new Error((error as Error).message), { name: code }) : error;
  }
}
