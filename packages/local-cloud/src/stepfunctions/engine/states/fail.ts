import { StatesError, STATES_ERRORS } from '../../asl/errors';
import { evaluateIntrinsic, isIntrinsic } from '../../asl/intrinsics';
import { query } from '../../asl/json-path';
import type { StepContext, StepResult } from '../step-context';

/** Error or Cause: the literal, else the value at its path (a reference path or a string-returning intrinsic). */
function read(step: StepContext, input: unknown, literal: string | undefined, path: string | undefined, field: string): string {
  if (literal !== undefined) return literal;
  if (path === undefined) return '';
  const v = isIntrinsic(path) ? evaluateIntrinsic(path, input, step.contextObject(), step.name) : query(path, input, step.name);
  if (typeof v !== 'string') {
    throw new StatesError(STATES_ERRORS.runtime, `State '${step.name}': ${field} '${path}' must point to a string, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** Fail: stops its states list with an error; it takes no InputPath or OutputPath, so paths read the raw input. */
export function runFail(step: StepContext, input: unknown): StepResult {
  const { state } = step;
  throw new StatesError(read(step, input, state.Error, state.ErrorPath, 'ErrorPath'), read(step, input, state.Cause, state.CausePath, 'CausePath'));
}
