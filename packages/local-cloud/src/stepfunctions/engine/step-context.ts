import type { Clock } from '../../core/clock';
import type { Scope } from '../../core/scope';
import type { StateDefinition, StateMachineDefinition } from '../asl/types';
import type { EngineLimits } from '../limits';
import type { LogsPort } from '../../core/ports';
import type { HistoryRecorder } from './history';
import type { IntegrationRegistry } from './integrations';
import type { LoggingConfiguration } from './machine-config';
import type { DistributedRuntime } from './map-run/runtime';
import type { TaskTokenStore } from './task-tokens';

/** What a run needs from the engine around it. */
export interface RunServices {
  clock: Clock;
  limits: EngineLimits;
  integrations: IntegrationRegistry;
  tokens: TaskTokenStore;
  region: string;
  accountId: string;
  /** S3, IAM, the Map Run registry and child launching, for Distributed Maps. */
  distributed: DistributedRuntime;
  /** Where executions of a logging state machine write their history; without it nothing is logged. */
  logs?: LogsPort;
}

/** The `$$.Execution` / `$$.StateMachine` part of the context object, and who the run acts as. */
export interface ExecutionIdentity {
  executionArn: string;
  name: string;
  input: unknown;
  roleArn: string;
  startTime: string;
  stateMachineArn: string;
  stateMachineName: string;
  /** `Root=1-…` of the execution's X-Ray trace; absent when the state machine is not traced. */
  traceRoot?: string;
  /** The state machine's logging, which a Map Run's children log by too. */
  loggingConfiguration: LoggingConfiguration;
}

/** previousEventId bookkeeping for one thread of control (the run, a branch, a Map worker or iteration). */
export interface Cursor {
  last: number;
}

export interface MapItem {
  index: number;
  value: unknown;
}

/** A state's output and where the run goes next (undefined: the states list ends here). */
export interface StepResult {
  output: unknown;
  next: string | undefined;
}

/** What every step of a run shares: the services, the history, who runs, and how to run nested states. */
export interface RunContext {
  readonly services: RunServices;
  readonly history: HistoryRecorder;
  readonly identity: ExecutionIdentity;
  /** Runs states from StartAt to an end (Parallel branches, Map iterations); throws StatesError when they fail. */
  runStates(machine: StateMachineDefinition, input: unknown, scope: Scope, cursor: Cursor, mapItem?: MapItem): Promise<unknown>;
}

/**
 * One state being run: the run's services, its thread's history cursor, its scope, the Map item
 * it belongs to, and the context object (`$$`) built only when a template reads it.
 */
export class StepContext {
  /** `$$.State.RetryCount`: the number of retries before the current attempt. */
  private retries = 0;
  private token: string | undefined;
  private built: unknown;
  /** Hands the context object to payload templates, building it on first use. */
  readonly contextObject = (): unknown => (this.built ??= this.buildContext());

  constructor(
    readonly run: RunContext,
    readonly name: string,
    readonly state: StateDefinition,
    readonly scope: Scope,
    readonly cursor: Cursor,
    readonly mapItem: MapItem | undefined,
    readonly enteredTime: number
  ) {}

  get services(): RunServices {
    return this.run.services;
  }

  get retryCount(): number {
    return this.retries;
  }

  get taskToken(): string | undefined {
    return this.token;
  }

  /** A new attempt after a Retry: the context object shows the new RetryCount. */
  setRetryCount(count: number): void {
    this.retries = count;
    this.built = undefined;
  }

  /** The attempt's task token (`.waitForTaskToken`), shown as `$$.Task.Token`. */
  setTaskToken(token: string | undefined): void {
    this.token = token;
    this.built = undefined;
  }

  /** Records an event that follows the thread's last event and becomes it. */
  record(type: string, details?: Record<string, unknown>, cursor: Cursor = this.cursor): number {
    const id = this.run.history.add(type, cursor.last, details);
    if (id) cursor.last = id;
    return id;
  }

  /**
   * Records an event that follows the thread's last event without becoming it: AWS's histories
   * chain the next event past `MapIterationSucceeded`, `MapStateSucceeded`, `ParallelStateSucceeded`.
   */
  note(type: string, details?: Record<string, unknown>, cursor: Cursor = this.cursor): number {
    return this.run.history.add(type, cursor.last, details);
  }

  private buildContext(): unknown {
    const id = this.run.identity;
    const ctx: Record<string, unknown> = {
      Execution: { Id: id.executionArn, Input: id.input, Name: id.name, RoleArn: id.roleArn, StartTime: id.startTime, RedriveCount: 0 },
      State: { EnteredTime: new Date(this.enteredTime).toISOString(), Name: this.name, RetryCount: this.retries },
      StateMachine: { Id: id.stateMachineArn, Name: id.stateMachineName },
    };
    if (this.token !== undefined) ctx['Task'] = { Token: this.token };
    if (this.mapItem) ctx['Map'] = { Item: { Index: this.mapItem.index, Value: this.mapItem.value } };
    return ctx;
  }
}
