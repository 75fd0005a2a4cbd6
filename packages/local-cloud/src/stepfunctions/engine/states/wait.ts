import { isTimestamp } from '../../asl/choice';
import { StatesError, STATES_ERRORS } from '../../asl/errors';
import { query } from '../../asl/json-path';
import { runPipeline, type StateInput, type StateOutcome } from '../io-pipeline';
import type { StepContext, StepResult } from '../step-context';

/** How long to wait (simulated ms) from Seconds, SecondsPath, Timestamp or TimestampPath. */
function waitMs(step: StepContext, effective: unknown): number {
  const { state, name } = step;
  if (state.Seconds !== undefined) return state.Seconds * 1000;
  if (state.SecondsPath !== undefined) {
    const s = query(state.SecondsPath, effective, name);
    if (typeof s !== 'number' || s < 0 || !Number.isInteger(s)) {
      throw new StatesError(STATES_ERRORS.runtime, `State '${name}': SecondsPath '${state.SecondsPath}' must point to a non-negative integer, got ${JSON.stringify(s)}`);
    }
    return s * 1000;
  }
  const ts = state.Timestamp ?? query(state.TimestampPath as string, effective, name);
  if (!isTimestamp(ts)) {
    throw new StatesError(STATES_ERRORS.runtime, `State '${name}': '${String(ts)}' is not an ISO-8601 timestamp (Timestamp/TimestampPath)`);
  }
  return Date.parse(ts) - step.services.clock.now();
}

async function waitWork(step: StepContext, input: StateInput): Promise<StateOutcome> {
  const ms = waitMs(step, input.effective);
  if (ms > 0) await step.services.clock.sleep(ms, step.scope);
  return { result: input.effective, next: step.state.Next };
}

export function runWait(step: StepContext, input: unknown): StepResult | Promise<StepResult> {
  return runPipeline(step, input, waitWork);
}
