import { AbortedError, type Scope } from './scope';

/** Node's setTimeout ceiling (ms). */
const MAX_TIMER_MS = 2_147_483_647;

export interface ClockProps {
  /** Simulated seconds per real second of waiting: 1000 turns a 300 s timeout into 300 ms. Default 1. */
  timeScale?: number;
  /** Simulated time at the clock's start (ms since epoch). Default: now. */
  startMs?: number;
}

/** A pending wait: call it to cancel; `unref` lets the process exit while it is pending. */
export type ScheduledWait = (() => void) & { unref(): void; ref(): void; hasRef(): boolean };

const NEVER: ScheduledWait = Object.assign(() => undefined, { unref: () => undefined, ref: () => undefined, hasRef: () => false });

/** Real ms the event loop spent waiting (idle) and running code (active) since it started. */
function loopTimes(): { idle: number; active: number } {
  const u = performance.eventLoopUtilization();
  return { idle: u.idle, active: u.active };
}

/**
 * Simulated (AWS) time for every local service. Waiting runs `timeScale` times faster than real
 * time, while running code counts at its real speed: `now()` advances k ms per real ms the event
 * loop sits idle, and 1 ms per real ms it is busy. So a 5 s Wait at scale 100 lasts 50 ms, but
 * the local cloud's own work (parsing, history, creating a thousand Lambda environments one
 * after another) is not inflated a hundredfold into simulated seconds that AWS, working in
 * parallel, would not spend. A wait re-arms when busy time made it fire early in simulated time,
 * so it never ends before its simulated deadline (and ends up to ~1–2 real ms after it: timer
 * granularity, i.e. 0.1–0.2 s of simulated time at scale 100).
 */
export class Clock {
  readonly timeScale: number;
  private readonly startMs: number;
  private readonly origin: { idle: number; active: number };

  constructor(props: ClockProps = {}) {
    this.timeScale = props.timeScale ?? 1;
    if (!(this.timeScale > 0) || !Number.isFinite(this.timeScale)) throw new RangeError(`timeScale must be a positive number, got ${this.timeScale}`);
    this.startMs = props.startMs ?? Date.now();
    this.origin = loopTimes();
  }

  /** Simulated ms since epoch. */
  now(): number {
    const t = loopTimes();
    return this.startMs + (t.idle - this.origin.idle) * this.timeScale + (t.active - this.origin.active);
  }

  /** Whether a wait of this simulated length would ever fire (schedule() skips the others). */
  canFire(simulatedMs: number): boolean {
    const realMs = simulatedMs / this.timeScale;
    return Number.isFinite(realMs) && realMs <= MAX_TIMER_MS;
  }

  /**
   * Calls `fn` once `simulatedMs` have passed; returns the cancel function. Infinite waits, or
   * waits longer than Node's timer ceiling in real time, never fire (and arm nothing).
   */
  schedule(simulatedMs: number, fn: () => void): ScheduledWait {
    if (!this.canFire(simulatedMs)) return NEVER;
    const deadline = this.now() + Math.max(0, simulatedMs);
    let handle: NodeJS.Timeout | undefined;
    let referenced = true;
    const check = (): void => {
      const remaining = deadline - this.now();
      if (remaining <= 0) {
        handle = undefined;
        fn();
        return;
      }
      arm(remaining / this.timeScale);
    };
    const arm = (realMs: number): void => {
      handle = setTimeout(check, realMs);
      if (!referenced) handle.unref();
    };
    arm(Math.max(0, simulatedMs / this.timeScale));
    return Object.assign(
      () => {
        if (handle) clearTimeout(handle);
        handle = undefined;
      },
      {
        unref: () => {
          referenced = false;
          handle?.unref();
        },
        ref: () => {
          referenced = true;
          handle?.ref();
        },
        hasRef: () => referenced && handle !== undefined,
      },
    );
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
