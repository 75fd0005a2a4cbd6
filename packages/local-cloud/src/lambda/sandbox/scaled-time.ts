import type { Clock } from '../../core/clock';

/**
 * Time as a bundle inside the local Lambda sees it: `Date`, `performance.now()` and
 * `process.hrtime` read the shared Clock (AWS time), so a handler's own measurements agree with
 * the timestamps in history and logs. One instance per Lambda service; timers are per
 * environment (EnvironmentTimers).
 */
export interface ScaledTime {
  readonly Date: DateConstructor;
  readonly performance: typeof performance;
  /** process.hrtime with its `.bigint()`. */
  readonly hrtime: NodeJS.HRTime;
}

export function scaledTime(clock: Clock): ScaledTime {
  const origin = clock.now();
  const nowMs = (): number => clock.now() - origin;

  class LambdaDate extends Date {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(clock.now());
      else super(...(args as [string]));
    }
    static override now(): number {
      return Math.floor(clock.now());
    }
  }
  // `Date()` without `new` returns the current time as text.
  const DateShim = new Proxy(LambdaDate, { apply: () => new Date(clock.now()).toString() }) as unknown as DateConstructor;

  const performanceShim = new Proxy(performance, {
    get(target, prop) {
      if (prop === 'now') return nowMs;
      if (prop === 'timeOrigin') return origin;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });

  const hrtime = ((previous?: [number, number]): [number, number] => {
    const ns = Math.round(nowMs() * 1e6);
    let s = Math.floor(ns / 1e9);
    let n = ns - s * 1e9;
    if (previous) {
      s -= previous[0];
      n -= previous[1];
      if (n < 0) {
        s -= 1;
        n += 1e9;
      }
    }
    return [s, n];
  }) as NodeJS.HRTime;
  hrtime.bigint = () => BigInt(Math.round(nowMs() * 1e6));

  return { Date: DateShim, performance: performanceShim, hrtime };
}
