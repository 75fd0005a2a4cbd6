import { randomUUID } from 'node:crypto';
import { ALLOW_ALL, type Authorizer } from '../../core/authorizer';
import { Clock } from '../../core/clock';
import type { S3Port } from '../../core/ports';
import { validateDefinition, type DefinitionProblem } from '../asl/validate';
import { DEFAULT_LIMITS, type EngineLimits } from '../limits';
import { SfnApiError } from './api-errors';
import { launchExecution, type ExecutionRecord, type ExecutionStatus, type LaunchedExecution } from './execution';
import { loggedGroupName, type ExecutionLogsPort } from './execution-logs';
import { UnrecordedHistory } from './history';
import { historyPage, type HistoryPage, type HistoryPageProps } from './history-page';
import { IntegrationRegistry } from './integrations';
import type { LoggingConfiguration, Tag } from './machine-config';
import type { MapRun } from './map-run/map-run';
import { MapRunStore, type MapRunUpdate } from './map-run/map-run-store';
import type { ChildLaunch, DistributedRuntime } from './map-run/runtime';
import { checkArn, checkName, payloadSize } from './names';
import { StateMachineStore, type CreateStateMachineProps, type MachineChange, type StateMachineRecord, type UpdateStateMachineProps } from './state-machines';
import type { RunServices } from './step-context';
import { TaskCallbacks } from './task-callbacks';
import { TaskTokenStore } from './task-tokens';

export type { ExecutionRecord, ExecutionStatus } from './execution';
export type { HistoryPage, HistoryPageProps } from './history-page';
export type { LoggingConfiguration, LogLevel, Tag, TracingConfiguration } from './machine-config';
export type { CreateStateMachineProps, MachineChange, StateMachineRecord, UpdateStateMachineProps } from './state-machines';
export type { MapRun, MapRunCounts, MapRunStatus, Tolerance } from './map-run/map-run';
export type { MapRunUpdate } from './map-run/map-run-store';

export interface StepFunctionsEngineProps {
  /** Limits to enforce; defaults are AWS's. Use Infinity to switch one off. */
  limits?: Partial<EngineLimits>;
  /** Simulated seconds per real second for Wait, Retry, timeouts, heartbeats (default 1). */
  timeScale?: number;
  /** The clock shared with the other local services; when given, `timeScale` is the clock's. */
  clock?: Clock;
  region?: string;
  accountId?: string;
  /** S3 for a Distributed Map's ItemReader and ResultWriter (the local S3 model implements it); without it they fail. */
  s3?: S3Port;
  /** IAM for a Distributed Map starting its children (`states:StartExecution` on the state machine, as its role); default: allow. */
  authorizer?: Authorizer;
  /** CloudWatch Logs, for state machines whose loggingConfiguration logs; without it nothing is logged. */
  logs?: ExecutionLogsPort;
}

export interface StartExecutionProps {
  stateMachineArn: string;
  name?: string;
  input?: string;
  /** An X-Ray header: a traced state machine's execution joins that trace. */
  traceHeader?: string;
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
  private readonly callbacks: TaskCallbacks;
  private readonly machines: StateMachineStore;
  private readonly executions = new Map<string, ExecutionRecord>();
  private readonly running = new Map<string, LaunchedExecution>();
  private readonly mapRuns = new MapRunStore();
  private readonly services: RunServices;
  private readonly logs: ExecutionLogsPort | undefined;

  constructor(props: StepFunctionsEngineProps = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...props.limits };
    this.logs = props.logs;
    for (const [key, value] of Object.entries(this.limits)) {
      if (!(typeof value === 'number' && value >= 1))
        throw new RangeError(`limits.${key} must be a number >= 1 (or Infinity to switch it off), got ${String(value)}`);
    }
    if (this.limits.historyEvents < 3) throw new RangeError(`limits.historyEvents must be at least 3, got ${this.limits.historyEvents}`);
    this.clock = props.clock ?? new Clock(props.timeScale !== undefined ? { timeScale: props.timeScale } : {});
    this.region = props.region ?? 'us-east-1';
    this.accountId = props.accountId ?? '123456789012';
    this.machines = new StateMachineStore(this.clock, this.region, this.accountId);
    this.callbacks = new TaskCallbacks(this.tokens, this.limits);
    const distributed: DistributedRuntime = { s3: props.s3, authorizer: props.authorizer ?? ALLOW_ALL, mapRuns: this.mapRuns, launchChild: (launch) => this.launchChild(launch) };
    this.services = { clock: this.clock, limits: this.limits, integrations: this.integrations, tokens: this.tokens, region: this.region, accountId: this.accountId, distributed, ...(props.logs === undefined ? {} : { logs: props.logs }) };
  }

  /** Keeps an execution for DescribeExecution and StopExecution, and forgets it as running once it closes. */
  private track(launched: LaunchedExecution): ExecutionRecord {
    const { executionArn } = launched.record;
    this.executions.set(executionArn, launched.record);
    this.running.set(executionArn, launched);
    void launched.record.done.then(() => this.running.delete(executionArn));
    return launched.record;
  }

  /** A Distributed Map's child: an Express child keeps no history, as on AWS. */
  private launchChild(launch: ChildLaunch): LaunchedExecution {
    const { machine, executionArn, name, input, parsedInput, traceHeader, mapRunArn, itemCount } = launch;
    const launched = launchExecution(
      { services: this.services, machine, executionArn, name, input, parsedInput, recordHistory: machine.type === 'STANDARD', child: { mapRunArn, itemCount }, ...(traceHeader === undefined ? {} : { traceHeader }) },
      this.limits
    );
    this.track(launched);
    return launched;
  }

  validateDefinition(definition: string): { result: 'OK' | 'FAIL'; diagnostics: DefinitionProblem[] } {
    const v = validateDefinition(definition);
    return v.ok ? { result: 'OK', diagnostics: [] } : { result: 'FAIL', diagnostics: v.problems };
  }

  createStateMachine(props: CreateStateMachineProps): StateMachineRecord {
    return this.createStateMachineVersioned(props).machine;
  }

  /** CreateStateMachine with its version when `publish` is set. */
  createStateMachineVersioned(props: CreateStateMachineProps): MachineChange {
    this.checkLogDestination(props.loggingConfiguration);
    return this.machines.create(props);
  }

  updateStateMachine(props: UpdateStateMachineProps): MachineChange {
    this.checkLogDestination(props.loggingConfiguration);
    return this.machines.update(props);
  }

  /** Step Functions checks a logging state machine's log group when it is created or updated, not when it first logs. */
  private checkLogDestination(config: LoggingConfiguration | undefined): void {
    const group = config === undefined ? undefined : loggedGroupName(config);
    if (this.logs === undefined || group === undefined || this.logs.hasLogGroup(group)) return;
    throw new SfnApiError('InvalidLoggingConfiguration', `Invalid Logging Configuration: Log Destination not found: no log group named '${group}'`);
  }

  describeStateMachine(arn: string): StateMachineRecord {
    return this.machines.describe(arn);
  }

  deleteStateMachine(arn: string): void {
    this.machines.delete(arn);
  }

  listStateMachines(): StateMachineRecord[] {
    return this.machines.list();
  }

  listTags(resourceArn: string): Tag[] {
    return [...this.machines.tagsOf(resourceArn)].map(([key, value]) => ({ key, value }));
  }

  tagResource(resourceArn: string, tags: readonly Tag[]): void {
    this.machines.tag(resourceArn, tags);
  }

  untagResource(resourceArn: string, tagKeys: readonly string[]): void {
    this.machines.untag(resourceArn, tagKeys);
  }

  /**
   * Starts an execution. A repeated name with the same input while the first is open returns
   * the first (idempotent); anything else with a used name is ExecutionAlreadyExists.
   */
  startExecution(props: StartExecutionProps): ExecutionRecord {
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
    const launched = launchExecution({ services: this.services, machine, executionArn, name, input, parsedInput, ...(props.traceHeader === undefined ? {} : { traceHeader: props.traceHeader }) }, this.limits);
    return this.track(launched);
  }

  describeExecution(arn: string): ExecutionRecord {
    checkArn(arn, 'execution');
    const e = this.executions.get(arn);
    if (!e) throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return e;
  }

  /** The state machine revision an execution runs, whatever updates came after it started. */
  describeStateMachineForExecution(executionArn: string): StateMachineRecord {
    return this.describeExecution(executionArn).machine;
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
    this.running.get(arn)?.abort(error, cause);
    return e.stopDate ?? new Date(this.clock.now());
  }

  /** A Distributed Map's Express children have no history: AWS refuses their ARN here. */
  getExecutionHistory(arn: string, opts: HistoryPageProps = {}): HistoryPage {
    const { history } = this.describeExecution(arn);
    if (history instanceof UnrecordedHistory) throw new SfnApiError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: express' (${arn})`);
    return historyPage(history, opts);
  }

  describeMapRun(mapRunArn: string): MapRun {
    return this.mapRuns.describe(mapRunArn);
  }

  /** The Map Runs an execution started, oldest first. */
  listMapRuns(executionArn: string): MapRun[] {
    this.describeExecution(executionArn);
    return this.mapRuns.listFor(executionArn);
  }

  /** MaxConcurrency and the tolerated failure threshold of a running Map Run; the dispatcher applies them at once. */
  updateMapRun(update: MapRunUpdate): void {
    this.mapRuns.update(update);
  }

  /** ListExecutions by mapRunArn: the Map Run's children, newest first. */
  listMapRunExecutions(mapRunArn: string, statusFilter?: ExecutionStatus): ExecutionRecord[] {
    const out: ExecutionRecord[] = [];
    for (const arn of this.mapRuns.describe(mapRunArn).children) {
      const e = this.executions.get(arn);
      if (e && (!statusFilter || e.status === statusFilter)) out.push(e);
    }
    return out.reverse();
  }

  sendTaskSuccess(token: string, output: string): void {
    this.callbacks.success(token, output);
  }

  sendTaskFailure(token: string, error?: string, cause?: string): void {
    this.callbacks.failure(token, error, cause);
  }

  sendTaskHeartbeat(token: string): void {
    this.callbacks.heartbeat(token);
  }

  /** Aborts every running execution (a library user's shutdown; no timers stay armed). */
  stop(): void {
    for (const arn of [...this.running.keys()]) this.stopExecution(arn, 'States.Aborted', 'The local engine was stopped');
  }
}
