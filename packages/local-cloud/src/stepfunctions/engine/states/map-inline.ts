import { Scope } from '../../../core/scope';
import type { StateInput, StateOutcome } from '../io-pipeline';
import type { Cursor, MapItem, StepContext } from '../step-context';
import { MapIterations, mapItems, mapMaxConcurrency, mapProcessor } from './map-iterations';

/**
 * Inline Map: the iterations run in this execution, at most MaxConcurrency (and never more than
 * the inline cap, 40 on AWS) at once. Each worker takes the next item when its last one ends;
 * one failed iteration stops the others.
 */
export async function inlineMapWork(step: StepContext, input: StateInput): Promise<StateOutcome> {
  const items = mapItems(step, input.effective);
  const cap = step.services.limits.inlineMapMaxConcurrency;
  const max = mapMaxConcurrency(step, input.effective);
  const concurrency = Math.max(1, Math.min(max === 0 ? cap : max, cap, items.length || 1));
  const processor = mapProcessor(step);
  const startedId = step.record('MapStateStarted', { length: items.length });
  const iterations = new MapIterations(step, items, input.effective, startedId);
  const childScope = new Scope(step.scope);
  const body = (itemInput: unknown, item: MapItem, cursor: Cursor): Promise<unknown> => step.run.runStates(processor, itemInput, childScope, cursor, item);
  let nextIndex = 0;
  const worker = async (): Promise<void> => {
    const cursor: Cursor = { last: startedId };
    while (nextIndex < items.length && !childScope.aborted) {
      const ok = await iterations.run(nextIndex++, cursor, body);
      if (!ok) {
        childScope.abort();
        return;
      }
    }
  };
  const workers: Promise<void>[] = [];
  for (let w = 0; w < concurrency; w++) workers.push(worker());
  await Promise.all(workers);
  childScope.dispose();
  return { result: iterations.finish(), next: step.state.Next };
}
