import type { Clock } from '../../core/clock';
import { Scope } from '../../core/scope';
import { StatesError, STATES_ERRORS } from '../asl/errors';
import type { EngineLimits } from '../limits';
import { ExecutionLogWriter, executionLogStream, loggedGroupName } from './execution-logs';
import { HistoryLimitExceeded, HistoryRecorder, UnrecordedHistory } from './history';
import { payloadSize } from './names';
import { ExecutionRunner } from './runner';
import type { StateMachineRecord } from './state-machines';
import type { ExecutionIdentity, RunServices } from './step-context';
import { newTraceRoot, traceRootOf } from './tracing';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  input: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  /** The X-Ray header of a traced execution (`Root=…;Sampled=1`). */
  traceHeader?: string;
  /** The state machine revision the execution runs (DescribeStateMachineForExecution). */
  machine: StateMachineRecord;
  /** Empty for a Distributed Map's Express children: Step Functions keeps no Express history. */
  history: HistoryRecorder;
  /** A Distributed Map's child: the Map Run that started it, and how many items its input holds. */
  mapRunArn?: string;
  itemCount?: number;
  /** Resolves when the execution closes. */
  done: Promise<ExecutionRecord>;
}

export interface LaunchProps {
  services: RunServices;
  machine: StateMachineRecord;
  executionArn: string;
  name: string;
  input: string;
  parsedInput: unknown;
  /** A caller's X-Ray header: a traced execution joins its trace. */
  traceHeader?: string;
  /** false: keep no history (a Distributed Map's Express children). */
  recordHistory?: boolean;
  /** A Distributed Map's child: its Map Run and item count. */
  child?: { mapRunArn: string; itemCount: number };
}

/** A running execution and how to stop it from outside. */
export interface LaunchedExecution {
  record: ExecutionRecord;
  /** StopExecution: ExecutionAborted, then every wait, branch and token of the run is let go. */
  abort(error: string | undefined, cause: string | undefined): void;
}

function traceFor(props: LaunchProps, clock: Clock): string | undefined {
  if (!props.machine.tracingConfiguration.enabled) return undefined;
  return traceRootOf(props.traceHeader) ?? newTraceRoot(clock.now());
}

/** TimeoutSeconds of the definition; an Express workflow also stops at its 5-minute ceiling. */
function timeoutOf(machine: StateMachineRecord, limits: EngineLimits): number | undefined {
  const own = machine.parsed.TimeoutSeconds;
  if (machine.type !== 'EXPRESS') return own;
  return Math.min(own ?? Infinity, limits.expressMaxDurationSeconds);
}

/** The writer of the execution's CloudWatch Logs, when its state machine logs and CloudWatch Logs is there. */
function executionLogWriter(props: LaunchProps, startMs: number): ExecutionLogWriter | undefined {
  const { logs } = props.services;
  const config = props.machine.loggingConfiguration;
  const group = loggedGroupName(config);
  if (logs === undefined || group === undefined) return undefined;
  return new ExecutionLogWriter({
    logs,
    group,
    stream: executionLogStream(props.machine.name, props.executionArn, startMs),
    level: config.level,
    includeExecutionData: config.includeExecutionData,
    executionArn: props.executionArn,
  });
}

/** Starts a run: records ExecutionStarted, arms the execution's timeout, closes the record when the run ends. */
export function launchExecution(props: LaunchProps, limits: EngineLimits): LaunchedExecution {
  const { services, machine, executionArn, input } = props;
  const { clock } = services;
  const startMs = clock.now();
  const observer = executionLogWriter(props, startMs)?.observe;
  const now = (): number => clock.now();
  const history = props.recordHistory === false ? new UnrecordedHistory(now, observer) : new HistoryRecorder(limits.historyEvents, now, observer);
  const scope = new Scope();
  const traceRoot = traceFor(props, clock);
  const record = { executionArn, stateMachineArn: machine.stateMachineArn, name: props.name, input, status: 'RUNNING', startDate: new Date(startMs), machine, history } as ExecutionRecord;
  if (traceRoot !== undefined) record.traceHeader = `${traceRoot};Sampled=1`;
  if (props.child) Object.assign(record, props.child);
  const identity: ExecutionIdentity = {
    executionArn,
    name: props.name,
    input: props.parsedInput,
    roleArn: machine.roleArn,
    startTime: new Date(startMs).toISOString(),
    stateMachineArn: machine.stateMachineArn,
    stateMachineName: machine.name,
    loggingConfiguration: machine.loggingConfiguration,
  };
  if (traceRoot !== undefined) identity.traceRoot = traceRoot;
  const runner = new ExecutionRunner(services, history, identity);
  const close = (status: ExecutionStatus, fields: { output?: string; error?: string; cause?: string }): void => {
    if (record.status !== 'RUNNING') return;
    record.status = status;
    record.stopDate = new Date(clock.now());
    Object.assign(record, fields);
    scope.abort();
  };
  // A failure without Error/Cause leaves them out of the event and of DescribeExecution, as AWS does.
  const end = (type: string, status: ExecutionStatus, previous: number, error: string | undefined, cause: string | undefined): void => {
    const fields: { error?: string; cause?: string } = {};
    if (error !== undefined && error !== '') fields.error = error;
    if (cause !== undefined && cause !== '') fields.cause = cause;
    history.add(type, previous, { ...fields });
    close(status, fields);
  };
  const cursor = { last: 0 };
  let cancelTimeout = (): void => undefined;
  record.done = (async () => {
    // ExecutionStarted leaves the run's thread at 0: AWS chains the first state's event to 0.
    history.add('ExecutionStarted', 0, { input, inputDetails: { truncated: false }, roleArn: machine.roleArn });
    const timeoutSeconds = timeoutOf(machine, limits);
    if (timeoutSeconds !== undefined && Number.isFinite(timeoutSeconds)) {
      cancelTimeout = clock.schedule(timeoutSeconds * 1000, () => {
        if (record.status !== 'RUNNING') return;
        end('ExecutionTimedOut', 'TIMED_OUT', history.lastId, STATES_ERRORS.timeout, `The execution did not complete within ${timeoutSeconds} seconds.`);
      });
    }
    try {
      const output = await runner.runStates(machine.parsed, props.parsedInput, scope, cursor);
      if (record.status !== 'RUNNING') return record;
      const text = JSON.stringify(output ?? null);
      if (payloadSize(text) > limits.payloadBytes) {
        const cause = `The execution output is ${payloadSize(text)} bytes, over the limit of ${limits.payloadBytes} bytes.`;
        end('ExecutionFailed', 'FAILED', cursor.last, STATES_ERRORS.dataLimitExceeded, cause);
        return record;
      }
      history.add('ExecutionSucceeded', cursor.last, { output: text, outputDetails: { truncated: false } });
      close('SUCCEEDED', { output: text });
    } catch (err) {
      if (record.status !== 'RUNNING') return record;
      if (err instanceof StatesError) end('ExecutionFailed', 'FAILED', cursor.last, err.error, err.cause);
      else if (err instanceof HistoryLimitExceeded) end('ExecutionFailed', 'FAILED', history.lastId, STATES_ERRORS.runtime, err.message);
      else end('ExecutionFailed', 'FAILED', history.lastId, STATES_ERRORS.runtime, `Internal engine error: ${(err as Error)?.stack ?? String(err)}`);
    } finally {
      cancelTimeout();
    }
    return record;
  })();
  const abort = (error: string | undefined, cause: string | undefined): void => {
    if (record.status !== 'RUNNING') return;
    end('ExecutionAborted', 'ABORTED', history.lastId, error, cause);
  };
  return { record, abort };
}
