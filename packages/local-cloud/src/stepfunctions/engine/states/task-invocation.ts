import { AbortedError, type Scope } from '../../../core/scope';
import { StatesError, STATES_ERRORS } from '../../asl/errors';
import type { TaskHandler, TaskRequest } from '../integrations';
import type { CallbackOutcome } from '../task-tokens';
import type { StepContext } from '../step-context';
import type { TaskEvents } from './task-events';

/** Where a task token's SendTask* outcomes go once the attempt listens for them. */
export class CallbackChannel {
  private listener: ((outcome: CallbackOutcome) => void) | undefined;
  readonly deliver = (outcome: CallbackOutcome): void => this.listener?.(outcome);
  listen(listener: (outcome: CallbackOutcome) => void): void {
    this.listener = listener;
  }
}

export interface InvocationProps {
  handler: TaskHandler;
  request: TaskRequest;
  events: TaskEvents;
  /** Present for `.waitForTaskToken`: the result comes from SendTaskSuccess, not from the handler. */
  callback: CallbackChannel | undefined;
  timeoutMs: number;
  heartbeatMs: number | undefined;
}

/** A handler's throw as the error a state machine sees: a StatesError as is, anything else by its name. */
function asStatesError(err: unknown): StatesError {
  if (err instanceof StatesError) return err;
  return new StatesError(err instanceof Error && err.name ? err.name : 'Error', err instanceof Error ? err.message : String(err));
}

/**
 * Calls the handler, settling at most once: its result, its error, or the scope's abort
 * (AbortedError). `deferred` calls it on the next microtask, so that a callback task's
 * submission is recorded before a SendTaskSuccess sent from the same tick can end it.
 */
function race(
  handler: TaskHandler,
  request: TaskRequest,
  scope: Scope,
  onResult: (out: unknown) => void,
  onError: (e: unknown) => void,
  deferred = false
): () => void {
  let settled = false;
  const off = scope.onAbort(() => {
    if (settled) return;
    settled = true;
    onError(new AbortedError());
  });
  const call = (): void => {
    if (settled) return;
    try {
      Promise.resolve(handler(request)).then(
        (out) => {
          if (settled) return;
          settled = true;
          off();
          onResult(out);
        },
        (err: unknown) => {
          if (settled) return;
          settled = true;
          off();
          onError(asStatesError(err));
        }
      );
    } catch (err) {
      settled = true;
      off();
      onError(asStatesError(err));
    }
  };
  if (deferred) void Promise.resolve().then(call);
  else call();
  return () => {
    settled = true;
    off();
  };
}

/**
 * One task attempt's service call. With no callback and no timer that could fire, only the abort
 * is raced (a 10,000-iteration Map stays cheap); otherwise TimeoutSeconds, HeartbeatSeconds and
 * SendTask* outcomes race the call too. Aborts reject with AbortedError.
 */
export function invokeTask(step: StepContext, p: InvocationProps): Promise<unknown> {
  const { clock } = step.services;
  if (!p.callback && p.heartbeatMs === undefined && !clock.canFire(p.timeoutMs)) {
    return new Promise((resolve, reject) => race(p.handler, p.request, step.scope, resolve, reject));
  }
  return new Promise<unknown>((resolve, reject) => {
    const cleanups: (() => void)[] = [];
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      for (const c of cleanups) c();
      fn();
    };
    const fail = (e: unknown): void => settle(() => reject(e));
    // The handler's race ends at submission; a callback still waits, and an abort must end that wait.
    cleanups.push(step.scope.onAbort(() => fail(new AbortedError())));
    // AWS records a task timeout with its error alone (no cause).
    const timedOut = (error: string) => () => fail(new StatesError(error, ''));
    cleanups.push(clock.schedule(p.timeoutMs, timedOut(STATES_ERRORS.timeout)));
    let cancelHeartbeat: (() => void) | undefined;
    const armHeartbeat = (): void => {
      cancelHeartbeat?.();
      if (p.heartbeatMs !== undefined) cancelHeartbeat = clock.schedule(p.heartbeatMs, timedOut(STATES_ERRORS.heartbeatTimeout));
    };
    const callback = p.callback;
    if (callback) {
      armHeartbeat();
      cleanups.push(() => cancelHeartbeat?.());
      callback.listen((o) => {
        if (o.kind === 'heartbeat') armHeartbeat();
        else if (o.kind === 'success') settle(() => resolve(o.output));
        else fail(new StatesError(o.error, o.cause));
      });
    }
    const submitted = (out: unknown): void => {
      if (settled) return;
      if (!callback) return settle(() => resolve(out));
      try {
        p.events.submitted(step, JSON.stringify(out ?? null));
      } catch (e) {
        fail(e);
      }
    };
    const submitFailed = (e: unknown): void => {
      if (settled) return;
      try {
        if (callback && e instanceof StatesError) p.events.submitFailed(step, e);
        fail(e);
      } catch (limitError) {
        fail(limitError);
      }
    };
    cleanups.push(race(p.handler, p.request, step.scope, submitted, submitFailed, true));
  });
}
