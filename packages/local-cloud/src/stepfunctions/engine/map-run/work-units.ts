import { StatesError, STATES_ERRORS } from '../../asl/errors';
import { applyPayloadTemplate } from '../../asl/payload';
import { fitsPayload } from '../payload-size';
import { numberField, POSITIVE_INTEGER } from '../states/map-fields';
import { itemSelector } from '../states/map-iterations';
import type { StepContext } from '../step-context';
import type { WorkUnit } from './dispatcher';

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

function childInputTooLarge(step: StepContext, what: string, size: number): StatesError {
  const limit = step.services.limits.payloadBytes;
  return new StatesError(STATES_ERRORS.dataLimitExceeded, `State '${step.name}': the input of the child execution for ${what} is ${size} bytes, over the limit of ${limit} bytes.`);
}

/** One child per item: the item after ItemSelector. */
function singleUnits(step: StepContext, selected: unknown[]): WorkUnit[] {
  const limit = step.services.limits.payloadBytes;
  return selected.map((input, index) => {
    const text = JSON.stringify(input) ?? 'null';
    if (!fitsPayload(text, limit)) throw childInputTooLarge(step, `item ${index}`, bytes(text));
    return { input, text, itemCount: 1 };
  });
}

/**
 * ItemBatcher: consecutive items into `{ "BatchInput": …, "Items": [...] }`, each batch at most
 * MaxItemsPerBatch items and MaxInputBytesPerBatch bytes (its whole JSON, BatchInput included,
 * and never above the 256 KiB execution input quota).
 */
function batchedUnits(step: StepContext, effective: unknown, selected: unknown[]): WorkUnit[] {
  const batcher = step.state.ItemBatcher as Record<string, unknown>;
  const limit = step.services.limits.payloadBytes;
  const maxItems = numberField(batcher, 'MaxItemsPerBatch', effective, step.name, POSITIVE_INTEGER) ?? Infinity;
  const maxBytes = Math.min(numberField(batcher, 'MaxInputBytesPerBatch', effective, step.name, { ...POSITIVE_INTEGER, max: limit }) ?? limit, limit);
  const batchInput = batcher['BatchInput'] === undefined ? undefined : applyPayloadTemplate(batcher['BatchInput'], effective, step.contextObject, step.name);
  const head = batchInput === undefined ? '{"Items":[' : `{"BatchInput":${JSON.stringify(batchInput)},"Items":[`;
  const overhead = bytes(head) + 2;
  const units: WorkUnit[] = [];
  let items: unknown[] = [];
  let texts: string[] = [];
  let size = overhead;
  const flush = (): void => {
    units.push({ input: batchInput === undefined ? { Items: items } : { BatchInput: batchInput, Items: items }, text: `${head}${texts.join(',')}]}`, itemCount: items.length });
    items = [];
    texts = [];
    size = overhead;
  };
  selected.forEach((item, index) => {
    const text = JSON.stringify(item) ?? 'null';
    const b = bytes(text);
    if (overhead + b > maxBytes) throw childInputTooLarge(step, `item ${index} (in a batch of its own, limit MaxInputBytesPerBatch ${maxBytes})`, overhead + b);
    if (items.length > 0 && (items.length >= maxItems || size + 1 + b > maxBytes)) flush();
    size += (items.length > 0 ? 1 : 0) + b;
    items.push(item);
    texts.push(text);
  });
  if (items.length > 0) flush();
  return units;
}

/** The child executions' inputs: each item through ItemSelector, then batched when ItemBatcher says so. */
export function workUnits(step: StepContext, effective: unknown, items: readonly unknown[]): WorkUnit[] {
  const select = itemSelector(step, effective);
  const selected = items.map((value, index) => select({ index, value }));
  return step.state.ItemBatcher === undefined ? singleUnits(step, selected) : batchedUnits(step, effective, selected);
}
