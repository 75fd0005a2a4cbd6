import { randomUUID } from 'node:crypto';
import { StatesError, STATES_ERRORS } from '../asl/errors';
import type { StateMachineDefinition } from '../asl/types';
import { describeProblems, expressProblems, validateDefinition, type DefinitionProblem } from '../asl/validate';
import { DEFAULT_LIMITS, LOCAL_LIMITS, type EngineLimits } from '../limits';
import { Clock } from '../../core/clock';
import { SfnApiError } from './api-errors';
import { HistoryLimitExceeded, HistoryRecorder, type HistoryEvent } from './history';
import { IntegrationRegistry } from './integrations';
import { ExecutionRunner } from './runner';
import { Scope } from '../../core/scope';
import { TaskTokenStore } from './task-tokens';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface StepFunctionsEngineProps {
  /** Limits to enforce; defaults are AWS's. Use Infinity to switch one off. */
  limits?: Partial<EngineLimits>;
  /** Simulated seconds per real second for Wait, Retry, timeouts, heartbeats (default 1). */
  timeScale?: number;
  /** The clock shared with the other local services; when given, `timeScale` is the clock's. */
  clock?: Clock;
  region?: string;
  accountId?: string;
}

export interface StateMachineRecord {
  stateMachineArn: string;
  name: string;
  definition: string;
  parsed: StateMachineDefinition;
  roleArn: string;
  type: 'STANDARD' | 'EXPRESS';
  creationDate: Date;
}

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
  history: HistoryRecorder;
  /** Resolves when the execution closes. */
  done: Promise<ExecutionRecord>;
}

export interface HistoryPage {
  events: HistoryEvent[];
  nextToken?: string;
}

/** Execution and state machine names: 1–80 characters, none of AWS's forbidden ones. */
const NAME_FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;

function checkName(name: string, max: number, what: string): void {
  if (name.length < 1 || name.length > max || NAME_FORBIDDEN.test(name)) {
    throw new SfnApiError('InvalidName', `Invalid ${what} name: '${name}' (1-${max} characters; no whitespace, brackets, wildcards or special characters)`);
  }
}

const ARN_SHAPES = {
  // A version or alias qualifier may follow the name; Express execution ARNs carry an extra id.
  stateMachine: /^arn:aws[a-z-]*:states:[^:]*:\d*:stateMachine:[^:]+(:[^:]+)?$/,
  execution: /^arn:aws[a-z-]*:states:[^:]*:\d*:(execution|express):[^:]+:.+$/,
} as const;

/** AWS answers InvalidArn (not …DoesNotExist) for text that is not an ARN of the right kind. */
function checkArn(arn: string, kind: keyof typeof ARN_SHAPES): void {
  if (!ARN_SHAPES[kind].test(arn)) throw new SfnApiError('InvalidArn', `Invalid Arn: '${arn}' is not a ${kind} ARN`);
}

function payloadSize(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Step Functions in a process: state machines, executions, history, task tokens and the
 * service-integration registry. The HTTP server is a thin layer over this class.
 */
export class StepFunctionsEngine {
  readonly limits: EngineLimits;
  readonly clock: Clock;
  readonly integrations = new IntegrationRegistry();
  readonly region: string;
  readonly accountId: string;
  private readonly tokens = new TaskTokenStore();
  private readonly machines = new Map<string, StateMachineRecord>();
  private readonly executions = new Map<string, ExecutionRecord>();
  private readonly scopes = new Map<string, Scope>();

  constructor(props: StepFunctionsEngineProps = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...props.limits };
    for (const [key, value] of Object.entries(this.limits)) {
      if (!(typeof value === 'number' && value >= 1))
        throw new RangeError(`limits.${key} must be a number >= 1 (or Infinity to switch it off), got ${String(value)}`);
    }
    if (this.limits.historyEvents < 3) throw new RangeError(`limits.historyEvents must be at least 3, got ${this.limits.historyEvents}`);
    this.clock = props.clock ?? new Clock(props.timeScale !== undefined ? { timeScale: props.timeScale } : {});
    this.region = props.region ?? 'us-east-1';
    this.accountId = props.accountId ?? '123456789012';
  }

  validateDefinition(definition: string): { result: 'OK' | 'FAIL'; diagnostics: DefinitionProblem[] } {
    const v = validateDefinition(definition);
    return v.ok ? { result: 'OK', diagnostics: [] } : { result: 'FAIL', diagnostics: v.problems };
  }

  createStateMachine(props: { name: string; definition: string; roleArn?: string; type?: string }): StateMachineRecord {
    checkName(props.name, LOCAL_LIMITS.stateMachineNameMaxLength, 'state machine');
    if (payloadSize(props.definition) > LOCAL_LIMITS.definitionMaxBytes) {
      throw new SfnApiError('InvalidDefinition', `Definition is larger than ${LOCAL_LIMITS.definitionMaxBytes} bytes`);
    }
    const type = props.type ?? 'STANDARD';
    if (type !== 'STANDARD' && type !== 'EXPRESS') throw new SfnApiError('ValidationException', `Invalid type '${type}': STANDARD or EXPRESS`);
    const v = validateDefinition(props.definition);
    if (!v.ok) throw new SfnApiError('InvalidDefinition', describeProblems(v.problems));
    if (type === 'EXPRESS') {
      const problems = expressProblems(v.definition);
      if (problems.length > 0) throw new SfnApiError('InvalidDefinition', describeProblems(problems));
    }
    const arn = `arn:aws:states:${this.region}:${this.accountId}:stateMachine:${props.name}`;
    const roleArn = props.roleArn ?? `arn:aws:iam::${this.accountId}:role/local-step-functions`;
    const existing = this.machines.get(arn);
    if (existing) {
      if (existing.definition === props.definition && existing.roleArn === roleArn && existing.type === type) return existing;
      throw new SfnApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
    }
    const record: StateMachineRecord = {
      stateMachineArn: arn,
      name: props.name,
      definition: props.definition,
      parsed: v.definition,
      roleArn,
      type,
      creationDate: new Date(this.clock.now()),
    };
    this.machines.set(arn, record);
    return record;
  }

  describeStateMachine(arn: string): StateMachineRecord {
    checkArn(arn, 'stateMachine');
    const m = this.machines.get(arn);
    if (!m) throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return m;
  }

  deleteStateMachine(arn: string): void {
    checkArn(arn, 'stateMachine');
    this.machines.delete(arn);
  }

  listStateMachines(): StateMachineRecord[] {
    return [...this.machines.values()];
  }

  /**
   * Starts an execution. A repeated name with the same input while the first is open returns
   * the first (idempotent); anything else with a used name is ExecutionAlreadyExists.
   */
  startExecution(props: { stateMachineArn: string; name?: string; input?: string }): ExecutionRecord {
    const machine = this.describeStateMachine(props.stateMachineArn);
    const name = props.name ?? randomUUID();
    checkName(name, this.limits.executionNameMaxLength, 'execution');
    const input = props.input ?? '{}';
    if (payloadSize(input) > this.limits.payloadBytes) {
      throw new SfnApiError('InvalidExecutionInput', `Execution input is ${payloadSize(input)} bytes, over the limit of ${this.limits.payloadBytes} bytes`);
    }
    let parsedInput: unknown;
    try {
      parsedInput = JSON.parse(input);
    } catch (err) {
      throw new SfnApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${(err as Error).message}'`);
    }
    const kind = machine.type === 'EXPRESS' ? 'express' : 'execution';
    const executionArn = `arn:aws:states:${this.region}:${this.accountId}:${kind}:${machine.name}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      if (existing.status === 'RUNNING' && existing.input === input) return existing;
      throw new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    return this.launch(machine, executionArn, name, input, parsedInput);
  }

  private launch(machine: StateMachineRecord, executionArn: string, name: string, input: string, parsedInput: unknown): ExecutionRecord {
    const startMs = this.clock.now();
    const history = new HistoryRecorder(this.limits.historyEvents, () => this.clock.now());
    const scope = new Scope();
    const record = {
      executionArn,
      stateMachineArn: machine.stateMachineArn,
      name,
      input,
      status: 'RUNNING',
      startDate: new Date(startMs),
      history,
    } as ExecutionRecord;
    this.executions.set(executionArn, record);
    this.scopes.set(executionArn, scope);
    const runner = new ExecutionRunner(
      { clock: this.clock, limits: this.limits, integrations: this.integrations, tokens: this.tokens, region: this.region },
      history,
      {
        executionArn,
        name,
        input: parsedInput,
        roleArn: machine.roleArn,
        startTime: new Date(startMs).toISOString(),
        stateMachineArn: machine.stateMachineArn,
        stateMachineName: machine.name,
      }
    );
    const close = (status: ExecutionStatus, fields: { output?: string; error?: string; cause?: string }): void => {
      if (record.status !== 'RUNNING') return;
      record.status = status;
      record.stopDate = new Date(this.clock.now());
      Object.assign(record, fields);
      scope.abort();
      this.scopes.delete(executionArn);
    };
    // A Fail state without Error/Cause leaves them out of the event and of DescribeExecution, as AWS does.
    const fail = (error: string, cause: string): void => {
      const fields: { error?: string; cause?: string } = {};
      if (error !== '') fields.error = error;
      if (cause !== '') fields.cause = cause;
      history.add('ExecutionFailed', history.lastId, { ...fields });
      close('FAILED', fields);
    };
    let cancelTimeout = (): void => undefined;
    record.done = (async () => {
      history.add('ExecutionStarted', 0, { input, inputDetails: { truncated: false }, roleArn: machine.roleArn });
      const timeoutSeconds = machine.parsed.TimeoutSeconds;
      if (timeoutSeconds !== undefined) {
        cancelTimeout = this.clock.schedule(timeoutSeconds * 1000, () => {
          if (record.status !== 'RUNNING') return;
          const cause = `The execution did not complete within ${timeoutSeconds} seconds.`;
          history.add('ExecutionTimedOut', history.lastId, { error: STATES_ERRORS.timeout, cause });
          close('TIMED_OUT', { error: STATES_ERRORS.timeout, cause });
        });
      }
      try {
        const output = await runner.runStates(machine.parsed, parsedInput, scope, { last: 1 });
        if (record.status !== 'RUNNING') return record;
        const text = JSON.stringify(output ?? null);
        if (payloadSize(text) > this.limits.payloadBytes) {
          fail(STATES_ERRORS.dataLimitExceeded, `The execution output is ${payloadSize(text)} bytes, over the limit of ${this.limits.payloadBytes} bytes.`);
          return record;
        }
        history.add('ExecutionSucceeded', history.lastId, { output: text, outputDetails: { truncated: false } });
        close('SUCCEEDED', { output: text });
      } catch (err) {
        if (record.status !== 'RUNNING') return record;
        if (err instanceof StatesError) fail(err.error, err.cause);
        else if (err instanceof HistoryLimitExceeded) fail(STATES_ERRORS.runtime, err.message);
        else fail(STATES_ERRORS.runtime, `Internal engine error: ${(err as Error)?.stack ?? String(err)}`);
      } finally {
        cancelTimeout();
      }
      return record;
    })();
    return record;
  }

  describeExecution(arn: string): ExecutionRecord {
    checkArn(arn, 'execution');
    const e = this.executions.get(arn);
    if (!e) throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return e;
  }

  /** Resolves with the execution once it has closed (succeeded, failed, timed out, aborted). */
  awaitExecution(arn: string): Promise<ExecutionRecord> {
    return this.describeExecution(arn).done;
  }

  listExecutions(stateMachineArn: string, statusFilter?: ExecutionStatus): ExecutionRecord[] {
    this.describeStateMachine(stateMachineArn);
    const out: ExecutionRecord[] = [];
    for (const e of this.executions.values()) {
      if (e.stateMachineArn === stateMachineArn && (!statusFilter || e.status === statusFilter)) out.push(e);
    }
    return out.reverse();
  }

  /** Aborts a running execution: its branches, iterations, waits and open task tokens. */
  stopExecution(arn: string, error?: string, cause?: string): Date {
    const e = this.describeExecution(arn);
    if (e.status !== 'RUNNING') return e.stopDate ?? new Date(this.clock.now());
    const details: Record<string, unknown> = {};
    if (error !== undefined) details['error'] = error;
    if (cause !== undefined) details['cause'] = cause;
    e.history.add('ExecutionAborted', e.history.lastId, details);
    e.status = 'ABORTED';
    e.stopDate = new Date(this.clock.now());
    if (error !== undefined) e.error = error;
    if (cause !== undefined) e.cause = cause;
    this.scopes.get(arn)?.abort();
    this.scopes.delete(arn);
    return e.stopDate;
  }

  getExecutionHistory(
    arn: string,
    opts: { maxResults?: number; nextToken?: string; reverseOrder?: boolean; includeExecutionData?: boolean } = {}
  ): HistoryPage {
    const e = this.describeExecution(arn);
    const total = e.history.size;
    // AWS pages 100 events by default, at most 1,000.
    const max = opts.maxResults && opts.maxResults > 0 ? Math.min(opts.maxResults, LOCAL_LIMITS.maxResults) : LOCAL_LIMITS.defaultPageSize;
    let offset = 0;
    if (opts.nextToken !== undefined) {
      const m = /^h(\d+)$/.exec(opts.nextToken);
      if (!m) throw new SfnApiError('InvalidToken', `Invalid Token: '${opts.nextToken}'`);
      offset = Number(m[1]);
    }
    const page: HistoryEvent[] = [];
    for (let i = offset; i < total && page.length < max; i++) {
      const ev = e.history.get(opts.reverseOrder ? total - i : i + 1);
      page.push(opts.includeExecutionData === false ? stripData(ev) : ev);
    }
    const end = offset + page.length;
    return end < total ? { events: page, nextToken: `h${end}` } : { events: page };
  }

  sendTaskSuccess(token: string, output: string): void {
    this.checkToken(token);
    if (payloadSize(output) > this.limits.payloadBytes) {
      throw new SfnApiError(
        'ValidationException',
        `1 validation error detected: Value at 'output' failed to satisfy constraint: Member must have length less than or equal to ${this.limits.payloadBytes}`
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(output);
    } catch (err) {
      throw new SfnApiError('InvalidOutput', `Invalid Output: '${(err as Error).message}'`);
    }
    this.tokens.deliver(token, { kind: 'success', output: parsed });
  }

  sendTaskFailure(token: string, error?: string, cause?: string): void {
    this.checkToken(token);
    if (error !== undefined && error.length > this.limits.taskFailureErrorMaxLength) {
      throw new SfnApiError(
        'ValidationException',
        `1 validation error detected: Value at 'error' failed to satisfy constraint: Member must have length less than or equal to ${this.limits.taskFailureErrorMaxLength}`
      );
    }
    if (cause !== undefined && cause.length > this.limits.taskFailureCauseMaxLength) {
      throw new SfnApiError(
        'ValidationException',
        `1 validation error detected: Value at 'cause' failed to satisfy constraint: Member must have length less than or equal to ${this.limits.taskFailureCauseMaxLength}`
      );
    }
    this.tokens.deliver(token, { kind: 'failure', error: error ?? '', cause: cause ?? '' });
  }

  sendTaskHeartbeat(token: string): void {
    this.checkToken(token);
    this.tokens.deliver(token, { kind: 'heartbeat' });
  }

  private checkToken(token: string): void {
    if (token.length < 1 || token.length > LOCAL_LIMITS.taskTokenMaxLength) {
      throw new SfnApiError('InvalidToken', `Invalid Token: 'token must be 1-${LOCAL_LIMITS.taskTokenMaxLength} characters'`);
    }
    switch (this.tokens.lookup(token)) {
      case 'malformed':
        throw new SfnApiError('InvalidToken', `Invalid Token: 'Invalid token'`);
      case 'unknown':
        throw new SfnApiError('TaskDoesNotExist', 'Task Does Not Exist');
      case 'closed':
        throw new SfnApiError('TaskTimedOut', 'Task Timed Out');
      case 'open':
        return;
    }
  }

  /** Aborts every running execution (a library user's shutdown; no timers stay armed). */
  stop(): void {
    for (const arn of [...this.scopes.keys()]) this.stopExecution(arn, 'States.Aborted', 'The local engine was stopped');
  }
}

const DATA_FIELDS = new Set(['input', 'output', 'parameters']);

/** includeExecutionData=false: the same events without input/output/parameters. */
function stripData(ev: HistoryEvent): HistoryEvent {
  const out: HistoryEvent = { ...ev };
  for (const [key, value] of Object.entries(ev)) {
    if (key.endsWith('EventDetails') && value && typeof value === 'object') {
      const details: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (!DATA_FIELDS.has(k)) details[k] = v;
      out[key] = details;
    }
  }
  return out;
}
