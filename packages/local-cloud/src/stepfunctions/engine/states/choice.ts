import { evaluateChoiceRule } from '../../asl/choice';
import { StatesError, STATES_ERRORS } from '../../asl/errors';
import { runPipeline, type StateInput, type StateOutcome } from '../io-pipeline';
import type { StepContext, StepResult } from '../step-context';

/** Choice: the first rule that matches names the next state, else Default, else States.NoChoiceMatched. */
function choiceWork(step: StepContext, input: StateInput): StateOutcome {
  const { state, name } = step;
  for (const rule of state.Choices ?? []) {
    if (evaluateChoiceRule(rule, input.effective, step.contextObject, name)) return { result: input.effective, next: rule['Next'] as string };
  }
  if (state.Default !== undefined) return { result: input.effective, next: state.Default };
  throw new StatesError(STATES_ERRORS.noChoiceMatched, `No Matches! (state '${name}')`);
}

export function runChoice(step: StepContext, input: unknown): StepResult | Promise<StepResult> {
  return runPipeline(step, input, choiceWork);
}
