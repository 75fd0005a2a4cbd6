import { StatesError, STATES_ERRORS } from '../../asl/errors';
import type { StateWork } from '../io-pipeline';
import { withRetryAndCatch } from '../retry-catch';
import type { StepContext, StepResult } from '../step-context';
import { distributedMapWork } from './map-distributed';
import { inlineMapWork } from './map-inline';

/** The Map's processing mode (ItemProcessor.ProcessorConfig.Mode; INLINE when absent, and for the older Iterator). */
export function mapMode(step: StepContext): string {
  return step.state.ItemProcessor?.ProcessorConfig?.Mode ?? 'INLINE';
}

/** One runner per processing mode. */
const MODES: Readonly<Record<string, StateWork>> = {
  INLINE: inlineMapWork,
  DISTRIBUTED: distributedMapWork,
};

export function runMap(step: StepContext, input: unknown): StepResult | Promise<StepResult> {
  const mode = mapMode(step);
  const work = MODES[mode];
  if (!work) return Promise.reject(new StatesError(STATES_ERRORS.runtime, `State '${step.name}': Map mode '${mode}' is not run by this engine`));
  return withRetryAndCatch(step, input, work, 'MapStateFailed');
}
