import type { ItemSource } from '@fanout/shared-types';
import { DatasetError } from '../errors';
import type { StackOutputs } from '../outputs';
import { executionCeilingProblems } from '../patterns/ceilings';
import type { PatternSpec } from '../patterns/registry';
import type { LoadedDataset } from './load';

/** Refuses a dataset its pattern would fail on at once: the wrong shape for it. */
export function checkShape(dataset: LoadedDataset, pattern: PatternSpec, slotHint = 'N'): void {
  if (dataset.shape === pattern.shape) return;
  const n = dataset.cases.length;
  if (pattern.shape === 'slotted') {
    throw new DatasetError(
      `${dataset.file} is a flat dataset ("requests"), but ${pattern.id} reads a slotted one ("requestSlots", one slot per Parallel branch); ` +
        `sent as it is, the execution would fail at once with SlotCountMismatch. Use datasets/slotted/dataset_${n}.json, ` +
        `or write one with npx nx run data-gen:generate --shapes=slotted --slots=${slotHint}`,
    );
  }
  throw new DatasetError(
    `${dataset.file} is a slotted dataset ("requestSlots"), but ${pattern.id} reads a flat one ("requests"); ` +
      `its Map's ItemsPath $.requests would match nothing and the execution would fail (States.Runtime). ` +
      `Use datasets/flat/dataset_${n}.json, or write one with npx nx run data-gen:generate --shapes=flat`,
  );
}

/** The deployed stack's side: a slotted dataset must hold exactly one slot per Parallel branch. */
export function checkAgainstStack(dataset: LoadedDataset, pattern: PatternSpec, outputs: StackOutputs): void {
  checkShape(dataset, pattern, String(outputs.slotCount ?? 'N'));
  const slots = dataset.slots?.length;
  if (pattern.shape === 'slotted' && outputs.slotCount !== undefined && slots !== outputs.slotCount) {
    throw new DatasetError(
      `${dataset.file} holds ${slots} slots in "requestSlots", but the ${pattern.id} stack has ${outputs.slotCount} Parallel branches (its slotCount output): ` +
        `the execution would fail with SlotCountMismatch before computing anything. Rewrite the dataset with npx nx run data-gen:generate --slots=${outputs.slotCount}, ` +
        `or redeploy the stack with FANOUT_SLOT_COUNT=${slots}`,
    );
  }
}

/**
 * Refuses a dataset beyond what one execution of the pattern can carry, unless asked to run it
 * anyway (to watch it fail); then the reasons come back as warnings.
 */
export function checkCeiling(dataset: LoadedDataset, pattern: PatternSpec, allowOverCeiling: boolean, itemSource?: ItemSource): string[] {
  const reasons = executionCeilingProblems(pattern.ceiling, {
    pattern: pattern.id,
    requestId: dataset.requestId,
    cases: dataset.cases,
    ...(dataset.slots ? { slots: dataset.slots.length } : {}),
    ...(itemSource === undefined ? {} : { itemSource }),
  });
  if (reasons.length === 0) return [];
  const message = `${dataset.file}: ${dataset.cases.length} cases are beyond one ${pattern.id} execution: ${reasons.join('; ')}`;
  if (!allowOverCeiling) {
    throw new DatasetError(`${message}. Use fewer cases per execution, or pass --allow-over-ceiling to run it anyway and record how it fails`);
  }
  return [`${message} (run anyway: --allow-over-ceiling)`];
}
