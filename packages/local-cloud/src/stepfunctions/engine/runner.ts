import type { Catcher, Retrier } from '@fanout/asl-types';
import { evaluateChoiceRule } from '../asl/choice';
import { AbortedError, Scope } from '../../core/scope';
import { errorMatches, StatesError, STATES_ERRORS } from '../asl/errors';
import { evaluateIntrinsic, isIntrinsic } from '../asl/intrinsics';
import { query } from '../asl/json-path';
import { applyInputPath, applyOutputPath, applyPayloadTemplate, applyResultPath } from '../asl/payload';
import type { StateDefinition, StateMachineDefinition } from '../asl/types';
import { isTimestamp } from '../asl/choice';
import type { EngineLimits } from '../limits';
import type { Clock } from '../../core/clock';
import type { HistoryRecorder } from './history';
import { LAMBDA_FUNCTION_ARN_PATTERN, splitResource, type IntegrationRegistry, type TaskHandler } from './integrations';
import type { CallbackOutcome, TaskTokenStore } from './task-tokens';

/** What a run needs from the engine around it. */
export interface RunServices {
  clock: Clock;
  limits: EngineLimits;
  integrations: IntegrationRegistry;
  tokens: TaskTokenStore;
  region: string;
}

/** The `$$.Execution` / `$$.StateMachine` part of the context object. */
export interface ExecutionIdentity {
  executionArn: string;
  name: string;
  input: unknown;
  roleArn: string;
  startTime: string;
  stateMachineArn: string;
  stateMachineName: string;
}

/** previousEventId bookkeeping for one thread of control (the run, a branch, an iteration). */
interface Cursor {
  last: number;
}

interface MapItem {
  index: number;
  value: unknown;
}

interface StepResult {
  output: unknown;
  next: string | undefined;
}

const LAMBDA_ARN_RE = new RegExp('^' + LAMBDA_FUNCTION_ARN_PATTERN.split('*').join('[^:]*') + '(:[^:]+)?$');
/** Event type names per state type, built once (no string building per event). */
const EVENT_NAMES = Object.fromEntries(
  (['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const).map((t) => [
    t,
    { entered: `${t}StateEntered`, exited: `${t}StateExited`, aborted: `${t}StateAborted` },
  ])
) as Record<StateDefinition['Type'], { entered: string; exited: string; aborted: string }>;

/** Shared, frozen: the same details object on every event costs no allocation. */
const NOT_TRUNCATED = Object.freeze({ truncated: false });
const DEFAULT_RETRY = { IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 } as const;

function dataLimit(where: string, what: string, limit: number): StatesError {
  return new StatesError(
    STATES_ERRORS.dataLimitExceeded,
    `The state/task '${where}' returned a result with a size exceeding the maximum number of bytes service limit (${what}, limit ${limit} bytes).`
  );
}

/**
 * Executes one state machine run. Pure engine logic: no HTTP, no storage — it records history,
 * calls service integrations, and resolves with the run's outcome.
 */
export class ExecutionRunner {
  constructor(private readonly services: RunServices, private readonly history: HistoryRecorder, private readonly identity: ExecutionIdentity) {}

  /** JSON text of a value, enforcing the payload limit; `what` names the value in the error. */
  private serialize(value: unknown, where: string, what: string): string {
    const text = JSON.stringify(value) ?? 'null';
    const limit = this.services.limits.payloadBytes;
    // UTF-8 takes at most 3 bytes per UTF-16 unit: only long texts need measuring.
    if (text.length * 3 > limit && Buffer.byteLength(text, 'utf8') > limit) throw dataLimit(where, what, limit);
    return text;
  }

  private context(stateName: string, enteredTime: number, retryCount: number, mapItem: MapItem | undefined, token?: string): unknown {
    const id = this.identity;
    const ctx: Record<string, unknown> = {
      Execution: { Id: id.executionArn, Input: id.input, Name: id.name, RoleArn: id.roleArn, StartTime: id.startTime, RedriveCount: 0 },
      State: { EnteredTime: new Date(enteredTime).toISOString(), Name: stateName, RetryCount: retryCount },
      StateMachine: { Id: id.stateMachineArn, Name: id.stateMachineName },
    };
    if (token !== undefined) ctx['Task'] = { Token: token };
    if (mapItem) ctx['Map'] = { Item: { Index: mapItem.index, Value: mapItem.value } };
    return ctx;
  }

  /** The context object built on first use, then reused (templates may read `$$` several times). */
  private lazyContext(stateName: string, enteredTime: number, retryCount: number, mapItem: MapItem | undefined, token?: string): () => unknown {
    let built: unknown;
    return () => (built ??= this.context(stateName, enteredTime, retryCount, mapItem, token));
  }

  private record(cursor: Cursor, type: string, details?: Record<string, unknown>): number {
    const id = this.history.add(type, cursor.last, details);
    if (id) cursor.last = id;
    return id;
  }

  /** Runs states from StartAt to an End/Succeed; throws StatesError when the flow fails. */
  async runStates(machine: StateMachineDefinition, input: unknown, scope: Scope, cursor: Cursor, mapItem?: MapItem): Promise<unknown> {
    let name: string | undefined = machine.StartAt;
    let value = input;
    while (name !== undefined) {
      scope.throwIfAborted();
      const state = machine.States[name];
      if (!state) throw new StatesError(STATES_ERRORS.runtime, `State '${name}' does not exist`);
      const step = await this.runState(name, state, value, scope, cursor, mapItem);
      value = step.output;
      name = step.next;
    }
    return value;
  }

  private async runState(
    name: string,
    state: StateDefinition,
    input: unknown,
    scope: Scope,
    cursor: Cursor,
    mapItem: MapItem | undefined
  ): Promise<StepResult> {
    const entered = this.services.clock.now();
    const enteredType = EVENT_NAMES[state.Type].entered;
    this.record(cursor, enteredType, { name, input: this.serialize(input, name, 'state input'), inputDetails: NOT_TRUNCATED });
    let step: StepResult;
    try {
      switch (state.Type) {
        case 'Pass':
          step = this.runPass(name, state, input, entered, mapItem);
          break;
        case 'Choice':
          step = this.runChoice(name, state, input, entered, mapItem);
          break;
        case 'Wait':
          step = await this.runWait(name, state, input, scope);
          break;
        case 'Succeed':
          step = { output: applyOutputPath(state.OutputPath, applyInputPath(state.InputPath, input, name), name), next: undefined };
          break;
        case 'Fail':
          throw this.failState(name, state, input, entered, mapItem);
        case 'Task':
        case 'Parallel':
        case 'Map':
          step = await this.withRetryAndCatch(name, state, input, scope, cursor, entered, mapItem);
          break;
        default:
          throw new StatesError(STATES_ERRORS.runtime, `State '${name}' has unknown Type '${String((state as { Type: unknown }).Type)}'`);
      }
    } catch (err) {
      // A Task or Wait cut short by a failing sibling (Map/Parallel) says so, as on AWS.
      if (err instanceof AbortedError && (state.Type === 'Task' || state.Type === 'Wait') && !this.history.isClosed) {
        this.record(cursor, EVENT_NAMES[state.Type].aborted);
      }
      throw err;
    }
    this.record(cursor, EVENT_NAMES[state.Type].exited, { name, output: this.serialize(step.output, name, 'state output'), outputDetails: NOT_TRUNCATED });
    return step;
  }

  private runPass(name: string, state: StateDefinition, input: unknown, entered: number, mapItem: MapItem | undefined): StepResult {
    const effective = applyInputPath(state.InputPath, input, name);
    let result: unknown = effective;
    if (state.Parameters !== undefined) result = applyPayloadTemplate(state.Parameters, effective, this.lazyContext(name, entered, 0, mapItem), name);
    if (state.Result !== undefined) result = state.Result;
    const output = applyOutputPath(state.OutputPath, applyResultPath(state.ResultPath, input, result, name), name);
    return { output, next: state.Next };
  }

  private runChoice(name: string, state: StateDefinition, input: unknown, entered: number, mapItem: MapItem | undefined): StepResult {
    const effective = applyInputPath(state.InputPath, input, name);
    const ctx = this.lazyContext(name, entered, 0, mapItem);
    const output = applyOutputPath(state.OutputPath, effective, name);
    for (const rule of state.Choices ?? []) {
      if (evaluateChoiceRule(rule, effective, ctx, name)) return { output, next: rule['Next'] as string };
    }
    if (state.Default !== undefined) return { output, next: state.Default };
    throw new StatesError(STATES_ERRORS.noChoiceMatched, `No Matches! (state '${name}')`);
  }

  private async runWait(name: string, state: StateDefinition, input: unknown, scope: Scope): Promise<StepResult> {
    const effective = applyInputPath(state.InputPath, input, name);
    let waitMs: number;
    if (state.Seconds !== undefined) waitMs = state.Seconds * 1000;
    else if (state.SecondsPath !== undefined) {
      const s = query(state.SecondsPath, effective, name);
      if (typeof s !== 'number' || s < 0 || !Number.isInteger(s)) {
        throw new StatesError(
          STATES_ERRORS.runtime,
          `State '${name}': SecondsPath '${state.SecondsPath}' must point to a non-negative integer, got ${JSON.stringify(s)}`
        );
      }
      waitMs = s * 1000;
    } else {
      const ts = state.Timestamp ?? query(state.TimestampPath as string, effective, name);
      if (!isTimestamp(ts)) {
        throw new StatesError(STATES_ERRORS.runtime, `State '${name}': '${String(ts)}' is not an ISO-8601 timestamp (Timestamp/TimestampPath)`);
      }
      waitMs = Date.parse(ts) - this.services.clock.now();
    }
    if (waitMs > 0) await this.services.clock.sleep(waitMs, scope);
    return { output: applyOutputPath(state.OutputPath, effective, name), next: state.Next };
  }

  private failState(name: string, state: StateDefinition, input: unknown, entered: number, mapItem: MapItem | undefined): StatesError {
    const read = (literal: string | undefined, path: string | undefined, field: string): string => {
      if (literal !== undefined) return literal;
      if (path === undefined) return '';
      // AWS accepts a reference path or a string-returning intrinsic (States.Format, …) here.
      const v = isIntrinsic(path) ? evaluateIntrinsic(path, input, this.lazyContext(name, entered, 0, mapItem)(), name) : query(path, input, name);
      if (typeof v !== 'string')
        throw new StatesError(STATES_ERRORS.runtime, `State '${name}': ${field} '${path}' must point to a string, got ${JSON.stringify(v)}`);
      return v;
    };
    return new StatesError(read(state.Error, state.ErrorPath, 'ErrorPath'), read(state.Cause, state.CausePath, 'CausePath'));
  }

  /** Task, Parallel and Map: attempts with Retry, then Catch, then the error moves up. */
  private async withRetryAndCatch(
    name: string,
    state: StateDefinition,
    input: unknown,
    scope: Scope,
    cursor: Cursor,
    entered: number,
    mapItem: MapItem | undefined
  ): Promise<StepResult> {
    const retriers: Retrier[] = state.Retry ?? [];
    const attemptsBy = new Array<number>(retriers.length).fill(0);
    let retryCount = 0;
    for (;;) {
      try {
        const result = await this.attempt(name, state, input, scope, cursor, entered, retryCount, mapItem);
        const selected =
          state.ResultSelector !== undefined
            ? applyPayloadTemplate(state.ResultSelector, result, this.lazyContext(name, entered, retryCount, mapItem), name)
            : result;
        const output = applyOutputPath(state.OutputPath, applyResultPath(state.ResultPath, input, selected, name), name);
        return { output, next: state.Next };
      } catch (err) {
        if (!(err instanceof StatesError) || scope.aborted) throw err;
        const ri = retriers.findIndex((r) => errorMatches(r.ErrorEquals, err.error));
        const retrier = retriers[ri];
        if (retrier) {
          const maxAttempts = retrier.MaxAttempts ?? DEFAULT_RETRY.MaxAttempts;
          const done = attemptsBy[ri] as number;
          if (done < maxAttempts) {
            attemptsBy[ri] = done + 1;
            retryCount++;
            await this.services.clock.sleep(retryDelayMs(retrier, done), scope);
            continue;
          }
        }
        const catcher = (state.Catch ?? []).find((c: Catcher) => errorMatches(c.ErrorEquals, err.error));
        if (!catcher) throw err;
        const output = applyResultPath(catcher.ResultPath, input, { Error: err.error, Cause: err.cause }, name);
        return { output, next: catcher.Next };
      }
    }
  }

  private attempt(
    name: string,
    state: StateDefinition,
    input: unknown,
    scope: Scope,
    cursor: Cursor,
    entered: number,
    retryCount: number,
    mapItem: MapItem | undefined
  ): Promise<unknown> {
    if (state.Type === 'Task') return this.runTask(name, state, input, scope, cursor, entered, retryCount, mapItem);
    if (state.Type === 'Parallel') return this.runParallel(name, state, input, scope, cursor, entered, retryCount, mapItem);
    return this.runMap(name, state, input, scope, cursor, entered, retryCount, mapItem);
  }

  private secondsField(
    name: string,
    state: StateDefinition,
    literal: number | undefined,
    path: string | undefined,
    field: string,
    effective: unknown
  ): number | undefined {
    if (literal !== undefined) return literal;
    if (path === undefined) return undefined;
    const v = query(path, effective, name);
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
      throw new StatesError(STATES_ERRORS.runtime, `State '${name}': ${field} '${path}' must point to a positive integer, got ${JSON.stringify(v)}`);
    }
    return v;
  }

  private async runTask(
    name: string,
    state: StateDefinition,
    input: unknown,
    scope: Scope,
    cursor: Cursor,
    entered: number,
    retryCount: number,
    mapItem: MapItem | undefined
  ): Promise<unknown> {
    const resource = state.Resource as string;
    const { base, callback, lambdaArn, taskFields } = analyseResource(resource);
    const effective = applyInputPath(state.InputPath, input, name);
    const timeoutSeconds = this.secondsField(name, state, state.TimeoutSeconds, state.TimeoutSecondsPath, 'TimeoutSecondsPath', effective);
    const heartbeatSeconds = this.secondsField(name, state, state.HeartbeatSeconds, state.HeartbeatSecondsPath, 'HeartbeatSecondsPath', effective);
    // Literal values are checked at create time; values read through a path only now.
    if (heartbeatSeconds !== undefined && heartbeatSeconds >= (timeoutSeconds ?? this.services.limits.defaultTaskTimeoutSeconds)) {
      throw new StatesError(
        STATES_ERRORS.runtime,
        `State '${name}': HeartbeatSeconds (${heartbeatSeconds}) must be smaller than TimeoutSeconds (${timeoutSeconds ?? this.services.limits.defaultTaskTimeoutSeconds})`
      );
    }
    const { services } = this;

    let token: string | undefined;
    let callbackListener: ((o: CallbackOutcome) => void) | undefined;
    if (callback) token = services.tokens.issue(this.identity.executionArn, (o) => callbackListener?.(o));
    let params: unknown;
    let paramsText: string;
    try {
      params =
        state.Parameters !== undefined
          ? applyPayloadTemplate(state.Parameters, effective, this.lazyContext(name, entered, retryCount, mapItem, token), name)
          : effective;
      paramsText = this.serialize(params, name, 'task parameters');
    } catch (error) {
      // The token was never handed out: close it rather than leave it open for the execution's life.
      if (token) services.tokens.close(token);
      throw error;
    }

    if (lambdaArn) {
      const d: Record<string, unknown> = { resource, input: paramsText, inputDetails: NOT_TRUNCATED };
      if (timeoutSeconds !== undefined) d['timeoutInSeconds'] = timeoutSeconds;
      this.record(cursor, 'LambdaFunctionScheduled', d);
    } else {
      const d: Record<string, unknown> = {
        resourceType: taskFields.resourceType,
        resource: taskFields.resource,
        region: services.region,
        parameters: paramsText,
      };
      if (timeoutSeconds !== undefined) d['timeoutInSeconds'] = timeoutSeconds;
      if (heartbeatSeconds !== undefined) d['heartbeatInSeconds'] = heartbeatSeconds;
      this.record(cursor, 'TaskScheduled', d);
    }

    const handler = services.integrations.resolve(base);
    if (!handler) {
      if (token) services.tokens.close(token);
      const cause = `No service integration is registered for resource '${resource}' (state '${name}'); register one with engine.integrations.register().`;
      this.record(
        cursor,
        lambdaArn ? 'LambdaFunctionStartFailed' : 'TaskStartFailed',
        lambdaArn
          ? { error: STATES_ERRORS.runtime, cause }
          : { resourceType: taskFields.resourceType, resource: taskFields.resource, error: STATES_ERRORS.runtime, cause }
      );
      throw new StatesError(STATES_ERRORS.runtime, cause);
    }
    this.record(cursor, lambdaArn ? 'LambdaFunctionStarted' : 'TaskStarted', lambdaArn ? undefined : taskFields);

    const timeoutMs = (timeoutSeconds ?? services.limits.defaultTaskTimeoutSeconds) * 1000;
    const heartbeatMs = heartbeatSeconds !== undefined ? heartbeatSeconds * 1000 : undefined;
    const cleanups: (() => void)[] = [];
    // Fast path for the common case (no callback, no timer that could ever fire): only the
    // abort needs racing, which keeps a 10,000-iteration Map cheap.
    const simple = !callback && heartbeatMs === undefined && !services.clock.canFire(timeoutMs);
    try {
      const result = simple
        ? await this.invokeSimple(handler, resource, base, params, name, scope)
        : await new Promise<unknown>((resolve, reject) => {
            let settled = false;
            const settle = (fn: () => void): void => {
              if (settled) return;
              settled = true;
              fn();
            };
            cleanups.push(scope.onAbort(() => settle(() => reject(new AbortedError()))));
            const timedOut = (error: string, what: string, ms: number) => () =>
              settle(() => reject(new StatesError(error, `The task '${name}' ${what} within ${ms / 1000} seconds.`)));
            cleanups.push(services.clock.schedule(timeoutMs, timedOut(STATES_ERRORS.timeout, 'did not complete', timeoutMs)));
            let cancelHeartbeat: (() => void) | undefined;
            const armHeartbeat = (): void => {
              cancelHeartbeat?.();
              if (heartbeatMs !== undefined)
                cancelHeartbeat = services.clock.schedule(heartbeatMs, timedOut(STATES_ERRORS.heartbeatTimeout, 'sent no heartbeat', heartbeatMs));
            };
            if (callback) {
              armHeartbeat();
              cleanups.push(() => cancelHeartbeat?.());
            }
            callbackListener = (o) => {
              if (o.kind === 'heartbeat') armHeartbeat();
              else if (o.kind === 'success') settle(() => resolve(o.output));
              else settle(() => reject(new StatesError(o.error, o.cause)));
            };
            const request = {
              resource,
              baseResource: base,
              input: params,
              stateName: name,
              executionArn: this.identity.executionArn,
              stateMachineArn: this.identity.stateMachineArn,
              scope,
            };
            Promise.resolve()
              .then(() => handler(token !== undefined ? { ...request, taskToken: token } : request))
              .then(
                (out) => {
                  if (settled) return;
                  if (!callback) {
                    settle(() => resolve(out));
                    return;
                  }
                  try {
                    this.record(cursor, 'TaskSubmitted', {
                      resourceType: taskFields.resourceType,
                      resource: taskFields.resource,
                      output: JSON.stringify(out ?? null),
                      outputDetails: NOT_TRUNCATED,
                    });
                  } catch (e) {
                    settle(() => reject(e));
                  }
                },
                (err: unknown) => {
                  const e =
                    err instanceof StatesError
                      ? err
                      : new StatesError(err instanceof Error && err.name ? err.name : 'Error', err instanceof Error ? err.message : String(err));
                  if (settled) return;
                  try {
                    if (callback)
                      this.record(cursor, 'TaskSubmitFailed', {
                        resourceType: taskFields.resourceType,
                        resource: taskFields.resource,
                        error: e.error,
                        cause: e.cause,
                      });
                    settle(() => reject(e));
                  } catch (limitError) {
                    settle(() => reject(limitError));
                  }
                }
              );
          });
      const outText = JSON.stringify(result ?? null);
      const limit = services.limits.payloadBytes;
      if (outText.length * 3 > limit && Buffer.byteLength(outText, 'utf8') > limit) {
        const e = dataLimit(name, 'task result', limit);
        this.record(
          cursor,
          lambdaArn ? 'LambdaFunctionFailed' : 'TaskFailed',
          lambdaArn
            ? { error: e.error, cause: e.cause }
            : { resourceType: taskFields.resourceType, resource: taskFields.resource, error: e.error, cause: e.cause }
        );
        throw e;
      }
      this.record(
        cursor,
        lambdaArn ? 'LambdaFunctionSucceeded' : 'TaskSucceeded',
        lambdaArn
          ? { output: outText, outputDetails: NOT_TRUNCATED }
          : { resourceType: taskFields.resourceType, resource: taskFields.resource, output: outText, outputDetails: NOT_TRUNCATED }
      );
      return result ?? null;
    } catch (err) {
      if (err instanceof StatesError && !this.history.isClosed && !scope.aborted && err.error !== STATES_ERRORS.dataLimitExceeded) {
        const timeout = err.error === STATES_ERRORS.timeout || err.error === STATES_ERRORS.heartbeatTimeout;
        const type = lambdaArn ? (timeout ? 'LambdaFunctionTimedOut' : 'LambdaFunctionFailed') : timeout ? 'TaskTimedOut' : 'TaskFailed';
        this.record(
          cursor,
          type,
          lambdaArn
            ? { error: err.error, cause: err.cause }
            : { resourceType: taskFields.resourceType, resource: taskFields.resource, error: err.error, cause: err.cause }
        );
      }
      throw err;
    } finally {
      for (const c of cleanups) c();
      if (token) services.tokens.close(token);
    }
  }

  private invokeSimple(handler: TaskHandler, resource: string, base: string, params: unknown, name: string, scope: Scope): Promise<unknown> {
    return new Promise<unknown>((resolve, reject) => {
      let settled = false;
      const off = scope.onAbort(() => {
        settled = true;
        reject(new AbortedError());
      });
      const onError = (err: unknown): void => {
        if (settled) return;
        settled = true;
        off();
        reject(
          err instanceof StatesError
            ? err
            : new StatesError(err instanceof Error && err.name ? err.name : 'Error', err instanceof Error ? err.message : String(err))
        );
      };
      try {
        const out = handler({
          resource,
          baseResource: base,
          input: params,
          stateName: name,
          executionArn: this.identity.executionArn,
          stateMachineArn: this.identity.stateMachineArn,
          scope,
        });
        Promise.resolve(out).then((value) => {
          if (settled) return;
          settled = true;
          off();
          resolve(value);
        }, onError);
      } catch (err) {
        onError(err);
      }
    });
  }

  private async runParallel(
    name: string,
    state: StateDefinition,
    input: unknown,
    scope: Scope,
    cursor: Cursor,
    entered: number,
    retryCount: number,
    mapItem: MapItem | undefined
  ): Promise<unknown> {
    const effective = applyInputPath(state.InputPath, input, name);
    const branchInput =
      state.Parameters !== undefined
        ? applyPayloadTemplate(state.Parameters, effective, this.lazyContext(name, entered, retryCount, mapItem), name)
        : effective;
    const startedId = this.record(cursor, 'ParallelStateStarted');
    const branches = state.Branches ?? [];
    const childScope = new Scope(scope);
    let failure: unknown;
    const results = await Promise.all(
      branches.map(async (branch) => {
        const branchCursor = { last: startedId };
        try {
          const out = await this.runStates(branch, branchInput, childScope, branchCursor);
          cursor.last = branchCursor.last;
          return out;
        } catch (err) {
          // The Parallel's closing event follows the branch's last one, failed or aborted too.
          cursor.last = branchCursor.last;
          if (failure === undefined && !(err instanceof AbortedError)) failure = err;
          childScope.abort();
          return undefined;
        }
      })
    );
    childScope.dispose();
    if (failure !== undefined || scope.aborted) {
      if (scope.aborted) {
        this.record(cursor, 'ParallelStateAborted');
        throw new AbortedError();
      }
      this.record(cursor, 'ParallelStateFailed');
      throw failure;
    }
    this.record(cursor, 'ParallelStateSucceeded');
    return results;
  }

  private async runMap(
    name: string,
    state: StateDefinition,
    input: unknown,
    scope: Scope,
    cursor: Cursor,
    entered: number,
    retryCount: number,
    mapItem: MapItem | undefined
  ): Promise<unknown> {
    const effective = applyInputPath(state.InputPath, input, name);
    const items = state.ItemsPath !== undefined ? query(state.ItemsPath, effective, name) : effective;
    if (!Array.isArray(items)) {
      throw new StatesError(
        STATES_ERRORS.runtime,
        `An error occurred while executing the state '${name}'. The ItemsPath '${state.ItemsPath ?? '$'}' must point to a JSON array, got ${JSON.stringify(
          items
        )?.slice(0, 200)}`
      );
    }
    let maxConcurrency = state.MaxConcurrency ?? 0;
    if (state.MaxConcurrencyPath !== undefined) {
      const v = query(state.MaxConcurrencyPath, effective, name);
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
        throw new StatesError(
          STATES_ERRORS.runtime,
          `State '${name}': MaxConcurrencyPath '${state.MaxConcurrencyPath}' must point to a non-negative integer, got ${JSON.stringify(v)}`
        );
      }
      maxConcurrency = v;
    }
    const cap = this.services.limits.inlineMapMaxConcurrency;
    const concurrency = Math.max(1, Math.min(maxConcurrency === 0 ? cap : maxConcurrency, cap, items.length || 1));
    const processor = (state.ItemProcessor ?? state.Iterator) as StateMachineDefinition;
    const selector = state.ItemSelector ?? state.Parameters;

    const startedId = this.record(cursor, 'MapStateStarted', { length: items.length });
    const childScope = new Scope(scope);
    const results = new Array<unknown>(items.length);
    let nextIndex = 0;
    let failure: unknown;
    const closeIteration = (iterCursor: Cursor, type: string, index: number): void => {
      this.record(iterCursor, type, { name, index });
      cursor.last = iterCursor.last;
    };
    const iterate = async (): Promise<void> => {
      while (nextIndex < items.length && !childScope.aborted) {
        const index = nextIndex++;
        const value = items[index];
        const iterCursor = { last: startedId };
        this.record(iterCursor, 'MapIterationStarted', { name, index });
        try {
          const item = { index, value };
          const itemInput = selector !== undefined ? applyPayloadTemplate(selector, effective, this.lazyContext(name, entered, retryCount, item), name) : value;
          results[index] = await this.runStates(processor, itemInput, childScope, iterCursor, item);
          closeIteration(iterCursor, 'MapIterationSucceeded', index);
        } catch (err) {
          if (err instanceof AbortedError) {
            if (!this.history.isClosed) closeIteration(iterCursor, 'MapIterationAborted', index);
          } else {
            if (failure === undefined) failure = err;
            if (err instanceof StatesError) closeIteration(iterCursor, 'MapIterationFailed', index);
          }
          childScope.abort();
          return;
        }
      }
    };
    const workers: Promise<void>[] = [];
    for (let w = 0; w < concurrency; w++) workers.push(iterate());
    await Promise.all(workers);
    childScope.dispose();
    if (failure === undefined && scope.aborted) {
      if (!this.history.isClosed) this.record(cursor, 'MapStateAborted');
      throw new AbortedError();
    }
    if (failure !== undefined) {
      if (failure instanceof StatesError) this.record(cursor, 'MapStateFailed');
      throw failure;
    }
    this.record(cursor, 'MapStateSucceeded');
    return results;
  }
}

interface ResourceInfo {
  base: string;
  callback: boolean;
  lambdaArn: boolean;
  /** resourceType/resource as history shows them (`lambda` / `invoke`). */
  taskFields: { resourceType: string; resource: string };
}
const resourceCache = new Map<string, ResourceInfo>();

/** History naming: a bare Lambda ARN records LambdaFunction* events, everything else Task*. */
function analyseResource(resource: string): ResourceInfo {
  const cached = resourceCache.get(resource);
  if (cached) return cached;
  const { base, suffix } = splitResource(resource);
  const arnMatch = /^arn:[^:]+:states:::([^:]+):(.+)$/.exec(resource);
  const info: ResourceInfo = {
    base,
    callback: suffix === '.waitForTaskToken',
    lambdaArn: LAMBDA_ARN_RE.test(resource),
    taskFields: arnMatch
      ? { resourceType: arnMatch[1] as string, resource: arnMatch[2] as string }
      : { resourceType: resource.split(':')[2] ?? 'unknown', resource },
  };
  resourceCache.set(resource, info);
  return info;
}

/** Interval × BackoffRate^n, capped by MaxDelaySeconds; FULL jitter picks uniformly below it. */
export function retryDelayMs(retrier: Retrier, previousAttempts: number, random: () => number = Math.random): number {
  const interval = retrier.IntervalSeconds ?? DEFAULT_RETRY.IntervalSeconds;
  const backoff = retrier.BackoffRate ?? DEFAULT_RETRY.BackoffRate;
  let seconds = interval * Math.pow(backoff, previousAttempts);
  if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === 'FULL') seconds = random() * seconds;
  return seconds * 1000;
}
