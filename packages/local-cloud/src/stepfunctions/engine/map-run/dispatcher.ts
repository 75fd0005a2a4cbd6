import type { Scope } from '../../../core/scope';
import type { ExecutionRecord, LaunchedExecution } from '../execution';
import type { MapRun } from './map-run';
import type { TokenBucket } from './token-bucket';

/** One child execution's worth of work: its input and how many items it holds (1, or a batch). */
export interface WorkUnit {
  input: unknown;
  text: string;
  itemCount: number;
}

export interface DispatchProps {
  run: MapRun;
  units: readonly WorkUnit[];
  /** The Map state's scope: it aborts when the parent stops or a sibling branch fails. */
  scope: Scope;
  bucket: TokenBucket;
  /** Child executions at once whatever MaxConcurrency says (10,000 on AWS; MaxConcurrency 0 means this). */
  cap: number;
  start(unit: WorkUnit): LaunchedExecution;
  /** Whether running children are stopped when the threshold is exceeded (STANDARD) or left to finish (EXPRESS). */
  stopOnFailure: boolean;
}

export interface DispatchResult {
  /** Each unit's child, in unit order; undefined where none was started (pending). */
  records: (ExecutionRecord | undefined)[];
  /** The tolerated failure threshold was exceeded: no further child was started. */
  exceeded: boolean;
}

/**
 * Starts a child per unit, in order: never more running than the Map Run's MaxConcurrency (read
 * again whenever UpdateMapRun changes it), never faster than the token bucket allows. Once the
 * failures exceed the tolerated threshold no further child starts; when the parent stops, every
 * running child is aborted. Resolves when no child is running any more.
 */
export async function dispatch(p: DispatchProps): Promise<DispatchResult> {
  const { run, units, scope } = p;
  const records = new Array<ExecutionRecord | undefined>(units.length);
  const running = new Map<number, LaunchedExecution>();
  let exceeded = false;
  let wake: (() => void) | undefined;
  const poke = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const sleep = (): Promise<void> => new Promise<void>((resolve) => (wake = resolve));
  const limit = (): number => Math.min(run.maxConcurrency === 0 ? p.cap : run.maxConcurrency, p.cap);
  const abortRunning = (): void => {
    for (const child of [...running.values()]) child.abort(undefined, undefined);
  };
  // A threshold lowered by UpdateMapRun can be exceeded by failures already counted.
  const checkThreshold = (): boolean => {
    if (!exceeded && run.thresholdExceeded) {
      exceeded = true;
      if (p.stopOnFailure) abortRunning();
    }
    return exceeded;
  };
  const offChange = run.onChange(poke);
  const offAbort = scope.onAbort(poke);
  const launch = (index: number): void => {
    const unit = units[index] as WorkUnit;
    const child = p.start(unit);
    records[index] = child.record;
    running.set(index, child);
    run.started(child.record.executionArn, unit.itemCount);
    void child.record.done.then((record) => {
      running.delete(index);
      if (record.status !== 'RUNNING') run.ended(record.status, unit.itemCount);
      checkThreshold();
      poke();
    });
  };
  try {
    let next = 0;
    while (next < units.length && !checkThreshold() && !scope.aborted) {
      if (running.size >= limit()) {
        await sleep();
      } else if (p.bucket.tryTake()) {
        launch(next++);
      } else {
        await p.bucket.refill(scope).catch(() => undefined);
      }
    }
    while (running.size > 0) {
      if (scope.aborted) abortRunning();
      await sleep();
    }
  } finally {
    offChange();
    offAbort();
  }
  return { records, exceeded };
}
