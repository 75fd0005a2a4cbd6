import { runPipeline, type StateInput, type StateOutcome } from '../io-pipeline';
import type { StepContext, StepResult } from '../step-context';

/** Succeed: ends its states list with the effective input (InputPath, then OutputPath). */
function succeedWork(_step: StepContext, input: StateInput): StateOutcome {
  return { result: input.effective, next: undefined };
}

export function runSucceed(step: StepContext, input: unknown): StepResult | Promise<StepResult> {
  return runPipeline(step, input, succeedWork);
}
