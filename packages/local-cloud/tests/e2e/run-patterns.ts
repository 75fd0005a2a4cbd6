/**
 * Runs both patterns end to end in one plain Node process (the bundles' SDK cannot load inside
 * jest's sandbox): the state machine definitions infra deploys, the Lambda bundles infra
 * uploads, and the real SDK calls of compute-callback (SendTaskSuccess / SendTaskFailure)
 * through this package's HTTP endpoint. EventBridge is stood in for by an in-process sink that
 * invokes compute-callback asynchronously, once more for one event (at-least-once delivery)
 * and never for another (a lost event). Writes what it saw as JSON to the path in argv[2].
 * Part 2 of the local cloud replaces these stand-ins with the synthesized Terraform. It also runs
 * each pattern at, and one case past, the ceiling shared-types states, to count the history.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { mapEventBridgeCallbackDefinition, mapInParallelDefinition } from '@fanout/infra/src/asl/definitions';
import { toSlotted } from '@fanout/dataset-splitter';
import { type Case, type FlatRequest, patternCeilings } from '@fanout/shared-types';
import { StepFunctionsEngine, registerLocalLambdas, registerPutEvents, startSfnServer } from '../../src';

type Handler = (event: unknown, context: { awsRequestId: string }) => Promise<unknown>;

const REPO = resolve(__dirname, '../../../..');
const functionArn = (name: string): string => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
/** The case whose event is delivered twice, and the one whose event is lost (callback pattern). */
const DUPLICATED_CASE = '3';
const LOST_CASE = '9';

function dataset(requestId: string): FlatRequest {
  const requests: Case[] = Array.from({ length: 10 }, (_, i) => ({ caseId: String(i), durationMs: 5 * i }));
  requests[4] = { caseId: '4', failure: { error: 'ComputationFailed', cause: 'injected' } };
  // An extra field: compute-direct / compute-callback reject it with ValidationError.
  requests[7] = { caseId: '7', colour: 'blue' } as unknown as Case;
  return { requestId, requests, length: String(requests.length) };
}

async function main(outFile: string): Promise<void> {
  const engine = new StepFunctionsEngine({});
  const server = await startSfnServer({ engine, port: 0 });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SFN: server.url,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    COMPUTE_MS: '20',
    LOG_LEVEL: 'error',
  });
  const bundle = (name: string): Handler => (require(resolve(REPO, 'dist/apps', name, 'index.js')) as { handler: Handler }).handler;
  const computeCallback = bundle('compute-callback');
  registerLocalLambdas(engine.integrations, new Map([['compute-direct', bundle('compute-direct')], ['summary', bundle('summary')]]));

  /** Deliveries of the scenario requests (the ceiling runs are only counted in their history). */
  const SCENARIOS = new Set(['callback', 'empty', 'lost']);
  let deliveries = 0;
  let invocations = 0;
  const callbackErrors: string[] = [];
  const deliver = (event: unknown, requestId: string): void => {
    if (SCENARIOS.has(requestId)) deliveries += 1;
    invocations += 1;
    setImmediate(() => void computeCallback(event, { awsRequestId: `delivery-${invocations}` }).catch((e: unknown) => callbackErrors.push(String(e))));
  };
  registerPutEvents(engine.integrations, (entries) => {
    for (const entry of entries) {
      // The putEvents integration hands Detail over as JSON text, as EventBridge receives it.
      const detail = JSON.parse(String(entry.Detail)) as { payload: { requestId: string; request: { caseId: string } } };
      const event = { version: '0', id: `e-${invocations}`, source: entry.Source, 'detail-type': entry.DetailType, detail, resources: entry.Resources ?? [] };
      const { requestId } = detail.payload;
      const caseId = detail.payload.request.caseId;
      if (caseId === LOST_CASE && requestId === 'lost') continue;
      deliver(event, requestId);
      if (caseId === DUPLICATED_CASE && !requestId.includes('ceiling')) setTimeout(() => deliver(event, requestId), 50);
    }
    return { FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: String(i) })) };
  });

  const run = async (definition: object, input: object) => {
    const machine = engine.createStateMachine({ name: `m-${Math.random().toString(36).slice(2)}`, definition: JSON.stringify(definition) });
    const done = await engine.awaitExecution(engine.startExecution({ stateMachineArn: machine.stateMachineArn, input: JSON.stringify(input) }).executionArn);
    const eventTypes: Record<string, number> = {};
    for (const event of done.history.all()) eventTypes[event.type] = (eventTypes[event.type] ?? 0) + 1;
    const events = done.history.all().length;
    return { status: done.status, error: done.error, cause: done.cause, summary: done.output === undefined ? undefined : JSON.parse(done.output), eventTypes, events };
  };
  // The scenarios fail 2 or 3 cases of 10 on purpose: tolerate 30 % so they still reach the end, and check the threshold itself with 0 %.
  const fanIn = (toleratedFailurePercentage: number) => ({ summaryFunctionArn: functionArn('summary'), summaryTimeoutSeconds: 70, toleratedFailurePercentage, executionTimeoutSeconds: 3600 });
  const callback = (callbackTimeoutSeconds: number, tolerated = 30) => mapEventBridgeCallbackDefinition({ ...fanIn(tolerated), eventBusName: 'fanout-bus', callbackTimeoutSeconds });
  const parallel = (tolerated = 30) => mapInParallelDefinition({ ...fanIn(tolerated), slotCount: 3, computeFunctionArn: functionArn('compute-direct'), computeTimeoutSeconds: 40 });
  /** Seed-format cases that compute at once: for counting history events at and past the ceilings. */
  const quick = (requestId: string, n: number): FlatRequest => {
    const requests = Array.from({ length: n }, (_, i): Case => ({ caseId: String(i), durationMs: 0 }));
    return { requestId, requests, length: String(n) };
  };
  const parallelCeiling = patternCeilings('map-in-parallel', { slots: 3 }).maxCases;
  const callbackCeiling = patternCeilings('map-eventbridge-callback').maxCases;

  const mapInParallel = parallel();
  const results = {
    mapInParallel: await run(mapInParallel, toSlotted(dataset('parallel'), { slots: 3 })),
    mapInParallelTwoSlots: await run(mapInParallel, toSlotted(dataset('two-slots'), { slots: 2 })),
    mapInParallelFourSlots: await run(mapInParallel, toSlotted(dataset('four-slots'), { slots: 4 })),
    mapInParallelNoTolerance: await run(parallel(0), toSlotted(dataset('strict'), { slots: 3 })),
    mapInParallelAtCeiling: await run(mapInParallel, toSlotted(quick('ceiling', parallelCeiling), { slots: 3 })),
    mapInParallelPastCeiling: await run(mapInParallel, toSlotted(quick('past-ceiling', parallelCeiling + 1), { slots: 3 })),
    callback: await run(callback(30), dataset('callback')),
    callbackEmpty: await run(callback(30), { requestId: 'empty', requests: [], length: '0' }),
    callbackLostEvent: await run(callback(1), dataset('lost')),
    callbackNoTolerance: await run(callback(30, 0), dataset('callback-strict')),
    callbackAtCeiling: await run(callback(30), quick('callback-ceiling', callbackCeiling)),
    callbackPastCeiling: await run(callback(30), quick('callback-past-ceiling', callbackCeiling + 1)),
    deliveries,
    callbackErrors,
  };
  // Let a late duplicate delivery finish its (refused) SendTaskSuccess before closing the endpoint.
  await new Promise((done) => setTimeout(done, 200));
  writeFileSync(outFile, JSON.stringify(results));
  await server.close();
  engine.stop();
}

main(process.argv[2] ?? 'patterns-e2e.json').catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
