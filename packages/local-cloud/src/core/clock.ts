import { AbortedError, type Scope } from './scope';

/** Node's setTimeout ceiling (ms). */
const NO_OP = (): void => undefined;
const MAX_TIMER_MS = 2_147_483_647;

export interface ClockProps {
  /** Simulated seconds per real second: 1000 turns a 300 s timeout into 300 ms. Default 1. */
  timeScale?: number;
  /** Simulated time at the clock's start (ms since epoch). Default: now. */
  startMs?: number;
}

/**
 * Simulated time: every wait (Wait, Retry interval, timeouts, heartbeats) lasts its simulated
 * duration divided by the scale, and `now()` advances `scale` times faster than real time, so
 * history timestamps agree with the waits they record.
 */
export class Clock {
  readonly timeScale: number;
  private readonly startMs: number;
  private readonly realStart: number;

  constructor(props: ClockProps = {}) {
    this.timeScale = props.timeScale ?? 1;
    if (!(this.timeScale > 0)) throw new RangeError(`timeScale must be positive, got ${this.timeScale}`);
    this.startMs = props.startMs ?? Date.now();
    this.realStart = performance.now();
  }

  /** Simulated ms since epoch. */
  now(): number {
    return this.startMs + (performance.now() - this.realStart) * this.timeScale;
  }

  /** Whether a wait of this simulated length would ever fire (schedule() skips the others). */
  canFire(simulatedMs: number): boolean {
    const realMs = simulatedMs / this.timeScale;
    return Number.isFinite(realMs) && realMs <= MAX_TIMER_MS;
  }

  /**
   * Calls `fn` after `simulatedMs`; returns a cancel function. Infinite waits, or waits longer
   * than Node's timer ceiling in real time, never fire.
   */
  schedule(simulatedMs: number, fn: () => void): () => void {
    const realMs = Math.max(0, simulatedMs / this.timeScale);
    // Beyond ~24.8 real days nothing local waits that long; skip the timer (the default
    // 99,999,999 s task timeout then costs nothing per task).
    if (!Number.isFinite(realMs) || realMs > MAX_TIMER_MS) return NO_OP;
    const handle = setTimeout(fn, realMs);
    return () => clearTimeout(handle);
  }

  /** Resolves after `simulatedMs`, or rejects with AbortedError when the scope aborts. */
  sleep(simulatedMs: number, scope: Scope): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (scope.aborted) {
        reject(new AbortedError());
        return;
      }
      const cancel = this.schedule(simulatedMs, () => {
        off();
        resolve();
      });
      const off = scope.onAbort(() => {
        cancel();
        reject(new AbortedError());
      });
    });
  }
}
