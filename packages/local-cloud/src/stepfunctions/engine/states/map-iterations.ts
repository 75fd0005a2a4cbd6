import { AbortedError } from '../../../core/scope';
import { StatesError, STATES_ERRORS } from '../../asl/errors';
import { query } from '../../asl/json-path';
import { applyPayloadTemplate } from '../../asl/payload';
import type { StateMachineDefinition } from '../../asl/types';
import type { StepContext, Cursor, MapItem } from '../step-context';
import { NON_NEGATIVE_INTEGER, numberField } from './map-fields';

/** The items a Map iterates over: the array at ItemsPath in the effective input. */
export function mapItems(step: StepContext, effective: unknown): unknown[] {
  const { state, name } = step;
  const items = state.ItemsPath !== undefined ? query(state.ItemsPath, effective, name) : effective;
  if (!Array.isArray(items)) {
    const got = JSON.stringify(items)?.slice(0, 200);
    throw new StatesError(
      STATES_ERRORS.runtime,
      `An error occurred while executing the state '${name}'. The ItemsPath '${state.ItemsPath ?? '$'}' must point to a JSON array, got ${got}`
    );
  }
  return items;
}

/** MaxConcurrency, or the non-negative integer at MaxConcurrencyPath; 0 means "no limit but the mode's own". */
export function mapMaxConcurrency(step: StepContext, effective: unknown): number {
  return numberField(step.state, 'MaxConcurrency', effective, step.name, NON_NEGATIVE_INTEGER) ?? 0;
}

/**
 * Each item's input: the item itself, or ItemSelector (the older Parameters) evaluated with
 * `$$.Map.Item`; the rest of the context object is the Map state's, built once for all items.
 */
export function itemSelector(step: StepContext, effective: unknown): (item: MapItem) => unknown {
  const { state, name, contextObject } = step;
  const selector = state.ItemSelector ?? state.Parameters;
  if (selector === undefined) return (item) => item.value;
  return (item) => {
    const context = (): unknown => ({ ...(contextObject() as Record<string, unknown>), Map: { Item: { Index: item.index, Value: item.value } } });
    return applyPayloadTemplate(selector, effective, context, name);
  };
}

/** The states each item runs through (ItemProcessor, or the older Iterator). */
export function mapProcessor(step: StepContext): StateMachineDefinition {
  return (step.state.ItemProcessor ?? step.state.Iterator) as StateMachineDefinition;
}

/**
 * The iteration bookkeeping every Map mode shares: each item's input (ItemSelector, or the older
 * Parameters), the results in item order, the first failure, and the iteration events chained
 * as AWS chains them — MapIterationStarted follows the worker's previous iteration (or
 * MapStateStarted), MapIteration{Succeeded,Failed,Aborted} follow the iteration's last event
 * without becoming the thread's last, MapStateSucceeded follows the last iteration to close.
 */
export class MapIterations {
  readonly results: unknown[];
  private failure: unknown;
  private failedAt = 0;
  private lastClosed: number;

  constructor(private readonly step: StepContext, readonly items: readonly unknown[], effective: unknown, readonly startedId: number) {
    this.results = new Array<unknown>(items.length);
    this.lastClosed = startedId;
    this.itemInput = itemSelector(step, effective);
  }

  /** Input of one iteration: the item, or ItemSelector evaluated with `$$.Map.Item`. */
  private readonly itemInput: (item: MapItem) => unknown;

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Runs item `index` on a worker's thread; false when it failed or was aborted. */
  async run(index: number, worker: Cursor, body: (input: unknown, item: MapItem, cursor: Cursor) => Promise<unknown>): Promise<boolean> {
    const { step } = this;
    const details = { name: step.name, index };
    const cursor: Cursor = { last: worker.last };
    step.record('MapIterationStarted', details, cursor);
    const item: MapItem = { index, value: this.items[index] };
    try {
      this.results[index] = await body(this.itemInput(item), item, cursor);
      this.closed(step.note('MapIterationSucceeded', details, cursor));
      worker.last = cursor.last;
      return true;
    } catch (err) {
      if (err instanceof AbortedError) {
        this.closed(step.note('MapIterationAborted', details, cursor));
      } else {
        if (this.failure === undefined) {
          this.failure = err;
          this.failedAt = cursor.last;
        }
        if (err instanceof StatesError) step.note('MapIterationFailed', details, cursor);
      }
      worker.last = cursor.last;
      return false;
    }
  }

  private closed(id: number): void {
    if (id > this.lastClosed) this.lastClosed = id;
  }

  /** The results once every iteration has ended; the first failure (MapStateFailed is Retry/Catch's to record), or the abort. */
  finish(): unknown[] {
    const { step } = this;
    if (this.failure === undefined && step.scope.aborted) {
      step.cursor.last = this.lastClosed;
      step.record('MapStateAborted');
      throw new AbortedError();
    }
    if (this.failure !== undefined) {
      step.cursor.last = this.failedAt;
      throw this.failure;
    }
    step.cursor.last = this.lastClosed;
    step.note('MapStateSucceeded');
    return this.results;
  }
}
