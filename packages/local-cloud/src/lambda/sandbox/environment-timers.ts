import type { Clock, ScheduledWait } from '../../core/clock';

type Callback = (...args: unknown[]) => void;

/** What a bundle gets back from setTimeout/setInterval: Node's Timeout surface over a simulated wait. */
export class LocalTimeout {
  wait: ScheduledWait | undefined;
  constructor(
    readonly id: number,
    private readonly arm: (t: LocalTimeout) => void,
    private readonly owner: EnvironmentTimers,
  ) {}
  ref(): this {
    this.wait?.ref();
    return this;
  }
  unref(): this {
    this.wait?.unref();
    return this;
  }
  hasRef(): boolean {
    return this.wait?.hasRef() ?? false;
  }
  refresh(): this {
    this.wait?.();
    this.arm(this);
    return this;
  }
  close(): this {
    this.owner.clear(this);
    return this;
  }
  [Symbol.toPrimitive](): number {
    return this.id;
  }
}

/**
 * One execution environment's timers. Delays are simulated milliseconds (a bundle's 5 s wait
 * lasts 5 s / timeScale); every timer is tracked, so discarding the environment (a timeout, the
 * end of the local cloud) cancels all of its pending work, as freezing a real sandbox would.
 */
export class EnvironmentTimers {
  private readonly live = new Map<number, LocalTimeout>();
  private readonly immediates = new Set<NodeJS.Immediate>();
  private nextId = 1;
  private disposed = false;

  constructor(private readonly clock: Clock) {}

  get pending(): number {
    return this.live.size + this.immediates.size;
  }

  setTimeout = (fn: Callback, ms?: number, ...args: unknown[]): LocalTimeout => {
    const arm = (t: LocalTimeout): void => {
      this.live.set(t.id, t);
      t.wait = this.clock.schedule(delay(ms), () => {
        this.live.delete(t.id);
        fn(...args);
      });
    };
    return this.track(arm);
  };

  setInterval = (fn: Callback, ms?: number, ...args: unknown[]): LocalTimeout => {
    const arm = (t: LocalTimeout): void => {
      this.live.set(t.id, t);
      t.wait = this.clock.schedule(Math.max(1, delay(ms)), () => {
        arm(t);
        fn(...args);
      });
    };
    return this.track(arm);
  };

  clearTimeout = (handle: unknown): void => {
    const t = handle instanceof LocalTimeout ? handle : this.live.get(Number(handle));
    if (t) this.clear(t);
  };

  clearInterval = this.clearTimeout;

  setImmediate = (fn: Callback, ...args: unknown[]): NodeJS.Immediate => {
    if (this.disposed) return setImmediate(() => undefined);
    const handle = setImmediate(() => {
      this.immediates.delete(handle);
      fn(...args);
    });
    this.immediates.add(handle);
    return handle;
  };

  clearImmediate = (handle: unknown): void => {
    if (handle === undefined || handle === null) return;
    this.immediates.delete(handle as NodeJS.Immediate);
    clearImmediate(handle as NodeJS.Immediate);
  };

  /** `timers/promises` over the same simulated waits. */
  readonly promises = {
    setTimeout: <T>(ms?: number, value?: T, options?: { signal?: AbortSignal }): Promise<T | undefined> =>
      new Promise((resolve, reject) => {
        const signal = options?.signal;
        if (signal?.aborted) {
          reject(abortError(signal));
          return;
        }
        const t = this.setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve(value);
        }, ms);
        const onAbort = (): void => {
          this.clear(t);
          reject(abortError(signal as AbortSignal));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
    setImmediate: <T>(value?: T): Promise<T | undefined> => new Promise((resolve) => this.setImmediate(() => resolve(value))),
    scheduler: {
      wait: (ms: number, options?: { signal?: AbortSignal }): Promise<void> => this.promises.setTimeout(ms, undefined, options).then(() => undefined),
      yield: (): Promise<void> => new Promise((resolve) => this.setImmediate(() => resolve())),
    },
  };

  clear(t: LocalTimeout): void {
    t.wait?.();
    this.live.delete(t.id);
  }

  /** Cancels every pending timer; later calls arm nothing. */
  dispose(): void {
    this.disposed = true;
    for (const t of this.live.values()) this.clear(t);
    for (const i of this.immediates) clearImmediate(i);
    this.immediates.clear();
  }

  private track(arm: (t: LocalTimeout) => void): LocalTimeout {
    const t = new LocalTimeout(this.nextId++, arm, this);
    if (!this.disposed) arm(t);
    return t;
  }
}

/** Node's rule: a delay that is not a positive number is 1 ms. */
function delay(ms: unknown): number {
  const n = Number(ms);
  return Number.isFinite(n) && n >= 1 ? n : 1;
}

function abortError(signal: AbortSignal): Error {
  return Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR', cause: signal.reason as unknown });
}
