import { StatesError, STATES_ERRORS } from '../../asl/errors';
import { query } from '../../asl/json-path';
import type { TaskRequest } from '../integrations';
import type { StateInput, StateOutcome } from '../io-pipeline';
import { dataLimitError, fitsPayload, serializePayload } from '../payload-size';
import { withRetryAndCatch } from '../retry-catch';
import type { StepContext, StepResult } from '../step-context';
import { traceHeader } from '../tracing';
import { analyseResource } from './task-events';
import { CallbackChannel, invokeTask } from './task-invocation';

/** TimeoutSeconds / HeartbeatSeconds: the literal, else a positive integer read through the path. */
function seconds(step: StepContext, literal: number | undefined, path: string | undefined, field: string, effective: unknown): number | undefined {
  if (literal !== undefined) return literal;
  if (path === undefined) return undefined;
  const v = query(path, effective, step.name);
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    throw new StatesError(STATES_ERRORS.runtime, `State '${step.name}': ${field} '${path}' must point to a positive integer, got ${JSON.stringify(v)}`);
  }
  return v;
}

function timeouts(step: StepContext, effective: unknown): { timeoutSeconds: number | undefined; heartbeatSeconds: number | undefined } {
  const { state } = step;
  const timeoutSeconds = seconds(step, state.TimeoutSeconds, state.TimeoutSecondsPath, 'TimeoutSecondsPath', effective);
  const heartbeatSeconds = seconds(step, state.HeartbeatSeconds, state.HeartbeatSecondsPath, 'HeartbeatSecondsPath', effective);
  // Literal values are checked at create time; values read through a path only now.
  const ceiling = timeoutSeconds ?? step.services.limits.defaultTaskTimeoutSeconds;
  if (heartbeatSeconds !== undefined && heartbeatSeconds >= ceiling) {
    throw new StatesError(STATES_ERRORS.runtime, `State '${step.name}': HeartbeatSeconds (${heartbeatSeconds}) must be smaller than TimeoutSeconds (${ceiling})`);
  }
  return { timeoutSeconds, heartbeatSeconds };
}

function taskRequest(step: StepContext, resource: string, base: string, input: unknown): TaskRequest {
  const { identity } = step.run;
  const request: TaskRequest = {
    resource,
    baseResource: base,
    input,
    stateName: step.name,
    executionArn: identity.executionArn,
    stateMachineArn: identity.stateMachineArn,
    roleArn: identity.roleArn,
    region: step.services.region,
    accountId: step.services.accountId,
    scope: step.scope,
  };
  if (step.taskToken !== undefined) request.taskToken = step.taskToken;
  if (identity.traceRoot !== undefined) request.traceHeader = traceHeader(identity.traceRoot);
  return request;
}

/**
 * One attempt: timeouts, then (for `.waitForTaskToken`) a fresh token, then Parameters, then the
 * service call through the integration registry, each step in the history as AWS records it.
 */
async function taskWork(step: StepContext, input: StateInput): Promise<StateOutcome> {
  const { services, name } = step;
  const resource = step.state.Resource as string;
  const res = analyseResource(resource);
  const { timeoutSeconds, heartbeatSeconds } = timeouts(step, input.effective);
  const callback = res.callback ? new CallbackChannel() : undefined;
  const token = callback ? services.tokens.issue(step.run.identity.executionArn, callback.deliver) : undefined;
  step.setTaskToken(token);
  try {
    // A Parameters failure closes the token (finally below) before it was ever handed out.
    const params = input.parameters();
    const paramsText = serializePayload(params, services.limits.payloadBytes, name, 'task parameters');
    const { events } = res;
    events.scheduled(step, paramsText, timeoutSeconds, heartbeatSeconds);
    const handler = services.integrations.resolve(res.base);
    if (!handler) {
      const e = new StatesError(
        STATES_ERRORS.runtime,
        `No service integration is registered for resource '${resource}' (state '${name}'); register one with engine.integrations.register().`
      );
      events.startFailed(step, e);
      throw e;
    }
    events.started(step);
    const timeoutMs = (timeoutSeconds ?? services.limits.defaultTaskTimeoutSeconds) * 1000;
    const heartbeatMs = heartbeatSeconds !== undefined ? heartbeatSeconds * 1000 : undefined;
    let result: unknown;
    try {
      result = await invokeTask(step, { handler, request: taskRequest(step, resource, res.base, params), events, callback, timeoutMs, heartbeatMs });
    } catch (err) {
      if (err instanceof StatesError && !step.run.history.isClosed && !step.scope.aborted) events.failed(step, err);
      throw err;
    }
    const outText = JSON.stringify(result ?? null);
    if (!fitsPayload(outText, services.limits.payloadBytes)) {
      const e = dataLimitError(name, 'task result', services.limits.payloadBytes);
      events.failed(step, e);
      throw e;
    }
    events.succeeded(step, outText);
    return { result: result ?? null, next: step.state.Next };
  } finally {
    if (token) services.tokens.close(token);
  }
}

export function runTask(step: StepContext, input: unknown): StepResult | Promise<StepResult> {
  return withRetryAndCatch(step, input, taskWork);
}
