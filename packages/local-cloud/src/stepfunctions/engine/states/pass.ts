import { runPipeline, type StateInput, type StateOutcome } from '../io-pipeline';
import type { StepContext, StepResult } from '../step-context';

/** Pass: its result is `Result` when given, else the Parameters output (or the effective input). */
function passWork(step: StepContext, input: StateInput): StateOutcome {
  const fromParameters = input.parameters();
  const { Result, Next } = step.state;
  return { result: Result !== undefined ? Result : fromParameters, next: Next };
}

export function runPass(step: StepContext, input: unknown): StepResult | Promise<StepResult> {
  return runPipeline(step, input, passWork);
}
