import { randomUUID } from 'node:crypto';
import type { Caller } from '../../../core/caller';
import { AbortedError } from '../../../core/scope';
import { StatesError, STATES_ERRORS } from '../../asl/errors';
import type { StateInput, StateOutcome } from '../io-pipeline';
import { childExecutionArn, childMachine, defaultLabel, mapRunNames, type ChildExecutionType, type MapRunNames } from '../map-run/child-machine';
import { dispatch } from '../map-run/dispatcher';
import { describeServiceError, readItems } from '../map-run/item-reader';
import type { MapRun } from '../map-run/map-run';
import { transformResults, writeResults, type Transformation } from '../map-run/result-writer';
import { TokenBucket } from '../map-run/token-bucket';
import { workUnits } from '../map-run/work-units';
import type { StateMachineRecord } from '../state-machines';
import type { StepContext } from '../step-context';
import { NON_NEGATIVE_INTEGER, numberField } from './map-fields';
import { mapItems, mapMaxConcurrency, mapProcessor } from './map-iterations';

const THRESHOLD_EXCEEDED = 'The specified tolerated failure threshold was exceeded';

/** What one Map Run works with once it has been created. */
interface MapRunContext {
  step: StepContext;
  effective: unknown;
  run: MapRun;
  names: MapRunNames;
  machine: StateMachineRecord;
  type: ChildExecutionType;
  caller: Caller;
  /** Items from the state input, or undefined when an ItemReader reads them. */
  fromInput: unknown[] | undefined;
}

/**
 * Reads the items, asks IAM whether the role may start the children, runs them, then writes the
 * results (ResultWriter) or gathers them (the state's output). Throws the Map Run's failure.
 */
async function runMapRun(c: MapRunContext): Promise<unknown> {
  const { step, effective, run, type } = c;
  const { services, run: ctx, state } = step;
  const { distributed, limits } = services;
  const identity = ctx.identity;
  const items = c.fromInput ?? (await readItems(step, effective, c.caller));
  const units = workUnits(step, effective, items);
  run.planned(items.length, units.length);
  if (units.length > 0) {
    try {
      distributed.authorizer.authorize({ caller: c.caller, action: 'states:StartExecution', resource: identity.stateMachineArn });
    } catch (err) {
      throw new StatesError(STATES_ERRORS.permissions, `State '${step.name}': the child executions cannot be started: ${describeServiceError(err)}`);
    }
  }
  const traceHeader = identity.traceRoot === undefined ? undefined : `${identity.traceRoot};Sampled=1`;
  const { records, exceeded } = await dispatch({
    run,
    units,
    scope: step.scope,
    bucket: new TokenBucket(services.clock, type === 'EXPRESS' ? limits.expressChildStartsPerSecond : limits.standardChildStartsPerSecond),
    cap: limits.distributedMapMaxConcurrency,
    stopOnFailure: type === 'STANDARD',
    start: (unit) => {
      const name = randomUUID();
      const executionArn = childExecutionArn(c.names, type, name);
      return distributed.launchChild({ machine: c.machine, executionArn, name, input: unit.text, parsedInput: unit.input, traceHeader, mapRunArn: run.mapRunArn, itemCount: unit.itemCount });
    },
  });
  if (step.scope.aborted) throw new AbortedError();
  const results = units.map((unit, i) => ({ unit, record: records[i] }));
  const writer = state.ResultWriter as { Resource?: string; WriterConfig?: { Transformation: Transformation } } | undefined;
  let output: unknown;
  if (writer?.Resource !== undefined) {
    output = { MapRunArn: run.mapRunArn, ResultWriterDetails: await writeResults(step, effective, run, results, c.caller) };
  }
  if (exceeded) throw new StatesError(STATES_ERRORS.exceedToleratedFailureThreshold, THRESHOLD_EXCEEDED);
  if (output !== undefined) return output;
  run.written(items.length, units.length);
  return transformResults(results, writer?.WriterConfig?.Transformation ?? 'COMPACT');
}

/**
 * Distributed Map: a Map Run whose child executions (one per item, or per batch) run the
 * ItemProcessor as STANDARD or EXPRESS workflows. The parent's history holds MapStateStarted,
 * MapRunStarted and MapRunSucceeded / MapRunFailed / MapRunAborted, never the children's events.
 */
export async function distributedMapWork(step: StepContext, input: StateInput): Promise<StateOutcome> {
  const { state, services, run: ctx } = step;
  const { clock, region, accountId } = services;
  const effective = input.effective;
  const identity = ctx.identity;
  const maxConcurrency = mapMaxConcurrency(step, effective);
  const fromInput = state.ItemReader === undefined ? mapItems(step, effective) : undefined;
  // With an ItemReader the items are not known yet: AWS records a length of 0.
  step.record('MapStateStarted', { length: fromInput?.length ?? 0 });
  const tolerance = {
    count: numberField(state, 'ToleratedFailureCount', effective, step.name, NON_NEGATIVE_INTEGER),
    percentage: numberField(state, 'ToleratedFailurePercentage', effective, step.name, { min: 0, max: 100, integer: false }),
  };
  const type = (state.ItemProcessor?.ProcessorConfig?.ExecutionType ?? 'STANDARD') as ChildExecutionType;
  const label = state.Label ?? defaultLabel(identity.stateMachineArn, step.name);
  const names = mapRunNames(identity, label, region, accountId);
  const startDate = new Date(clock.now());
  const machine = childMachine(names, mapProcessor(step), type, identity, startDate);
  const run = services.distributed.mapRuns.create({ mapRunArn: names.mapRunArn, executionArn: identity.executionArn, stateMachineArn: names.childMachineArn, label, startDate, maxConcurrency, tolerance });
  step.record('MapRunStarted', { mapRunArn: run.mapRunArn });
  // Named as the service integrations name it (see roleCaller): one principal per state machine.
  const caller: Caller = { kind: 'role', roleArn: identity.roleArn, sessionName: identity.stateMachineName };
  try {
    const result = await runMapRun({ step, effective, run, names, machine, type, caller, fromInput });
    // MapRunSucceeded and MapStateSucceeded follow MapRunStarted without becoming the thread's last.
    step.note('MapRunSucceeded');
    run.stop('SUCCEEDED', new Date(clock.now()));
    step.note('MapStateSucceeded');
    return { result, next: state.Next };
  } catch (err) {
    if (err instanceof AbortedError) {
      run.stop('ABORTED', new Date(clock.now()));
      step.record('MapRunAborted');
      step.record('MapStateAborted');
    } else {
      const details: Record<string, string> = {};
      if (err instanceof StatesError) {
        if (err.error !== '') details['error'] = err.error;
        if (err.cause !== '') details['cause'] = err.cause;
      }
      run.stop('FAILED', new Date(clock.now()));
      step.record('MapRunFailed', details);
    }
    throw err;
  }
}
