import { AbortedError, Scope } from '../../../core/scope';
import type { StateInput, StateOutcome } from '../io-pipeline';
import { withRetryAndCatch } from '../retry-catch';
import type { Cursor, StepContext, StepResult } from '../step-context';

/**
 * Parallel: every branch runs on the same input, each on its own history thread starting at
 * ParallelStateStarted. One failing branch aborts the others and fails the state.
 */
async function parallelWork(step: StepContext, input: StateInput): Promise<StateOutcome> {
  const branchInput = input.parameters();
  const startedId = step.record('ParallelStateStarted');
  const childScope = new Scope(step.scope);
  let latest = startedId;
  let failure: unknown;
  let failedAt = startedId;
  const settle = (cursor: Cursor): void => {
    latest = Math.max(latest, cursor.last);
  };
  const results = await Promise.all(
    (step.state.Branches ?? []).map(async (branch) => {
      const cursor: Cursor = { last: startedId };
      try {
        const out = await step.run.runStates(branch, branchInput, childScope, cursor);
        settle(cursor);
        return out;
      } catch (err) {
        settle(cursor);
        if (failure === undefined && !(err instanceof AbortedError)) {
          failure = err;
          failedAt = cursor.last;
        }
        childScope.abort();
        return undefined;
      }
    })
  );
  childScope.dispose();
  if (step.scope.aborted) {
    step.cursor.last = latest;
    step.record('ParallelStateAborted');
    throw new AbortedError();
  }
  if (failure !== undefined) {
    // ParallelStateFailed (recorded once the failure is final) follows the failing branch's last event.
    step.cursor.last = failedAt;
    throw failure;
  }
  // AWS chains ParallelStateExited to the branches' last event, past ParallelStateSucceeded.
  step.cursor.last = latest;
  step.note('ParallelStateSucceeded');
  return { result: results, next: step.state.Next };
}

export function runParallel(step: StepContext, input: unknown): StepResult | Promise<StepResult> {
  return withRetryAndCatch(step, input, parallelWork, 'ParallelStateFailed');
}
