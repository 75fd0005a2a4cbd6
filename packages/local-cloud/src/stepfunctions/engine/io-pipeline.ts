import { applyInputPath, applyOutputPath, applyPayloadTemplate, applyResultPath } from '../asl/payload';
import type { StateDefinition } from '../asl/types';
import type { StepContext, StepResult } from './step-context';

/**
 * The processing fields each state type takes (developer guide, "Processing input and output":
 * Pass takes Parameters and ResultPath but no ResultSelector; Choice, Wait and Succeed only
 * InputPath and OutputPath; a Map's Parameters is its per-item selector, not a state-level step).
 */
const IO_STEPS: Record<StateDefinition['Type'], { parameters: boolean; resultSelector: boolean; resultPath: boolean }> = {
  Pass: { parameters: true, resultSelector: false, resultPath: true },
  Task: { parameters: true, resultSelector: true, resultPath: true },
  Parallel: { parameters: true, resultSelector: true, resultPath: true },
  Map: { parameters: false, resultSelector: true, resultPath: true },
  Choice: { parameters: false, resultSelector: false, resultPath: false },
  Wait: { parameters: false, resultSelector: false, resultPath: false },
  Succeed: { parameters: false, resultSelector: false, resultPath: false },
  Fail: { parameters: false, resultSelector: false, resultPath: false },
};

/** What a state's own work receives. */
export class StateInput {
  constructor(
    private readonly step: StepContext,
    /** The state's input as it arrived (what ResultPath writes into). */
    readonly raw: unknown,
    /** The input after InputPath. */
    readonly effective: unknown
  ) {}

  /**
   * Parameters applied to the effective input (the effective input itself when there are none).
   * A call, not a value: a Task evaluates it only once its task token exists.
   */
  parameters(): unknown {
    const { state, name } = this.step;
    if (!IO_STEPS[state.Type].parameters || state.Parameters === undefined) return this.effective;
    return applyPayloadTemplate(state.Parameters, this.effective, this.step.contextObject, name);
  }
}

/** The state's own result (before ResultSelector) and the state it moves to. */
export interface StateOutcome {
  result: unknown;
  next: string | undefined;
}

export type StateWork = (step: StepContext, input: StateInput) => StateOutcome | Promise<StateOutcome>;

/**
 * InputPath → Parameters → the state's own work → ResultSelector → ResultPath → OutputPath, each
 * step only where the state type takes it. Synchronous work stays synchronous (no extra tick for
 * the thousands of Pass and Choice states a large Map runs).
 */
export function runPipeline(step: StepContext, raw: unknown, work: StateWork): StepResult | Promise<StepResult> {
  const input = new StateInput(step, raw, applyInputPath(step.state.InputPath, raw, step.name));
  const outcome = work(step, input);
  return outcome instanceof Promise ? outcome.then((o) => finish(step, raw, o)) : finish(step, raw, outcome);
}

function finish(step: StepContext, raw: unknown, outcome: StateOutcome): StepResult {
  const { state, name } = step;
  const io = IO_STEPS[state.Type];
  let result = outcome.result;
  if (io.resultSelector && state.ResultSelector !== undefined) result = applyPayloadTemplate(state.ResultSelector, result, step.contextObject, name);
  const placed = io.resultPath ? applyResultPath(state.ResultPath, raw, result, name) : result;
  return { output: applyOutputPath(state.OutputPath, placed, name), next: outcome.next };
}
