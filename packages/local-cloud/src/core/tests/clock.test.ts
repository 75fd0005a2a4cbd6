import { setTimeout as realSleep } from 'node:timers/promises';
import { Clock } from '../clock';
import { AbortedError, Scope } from '../scope';

/** Keeps the event loop busy for `ms` of real time. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin: running code, not waiting
  }
}

describe('Clock', () => {
  it('counts running code at real speed, not at the time scale', () => {
    // Prepare
    const clock = new Clock({ timeScale: 1000 });
    const before = clock.now();

    // Act
    busy(30);
    const advanced = clock.now() - before;

    // Assert: 30 ms of work is at least 30 simulated ms, and nowhere near the 30 s a scaled clock would count
    expect(advanced).toBeGreaterThanOrEqual(30);
    expect(advanced).toBeLessThan(3_000);
  });

  it('runs waiting at the time scale', async () => {
    // Prepare
    const clock = new Clock({ timeScale: 100 });
    const before = clock.now();

    // Act
    await realSleep(50);
    const advanced = clock.now() - before;

    // Assert: 50 real ms of idle loop is about 5 simulated seconds
    expect(advanced).toBeGreaterThanOrEqual(2_500);
  });

  it('never ends a wait before its simulated deadline, even when busy code delays the timers', async () => {
    // Prepare
    const clock = new Clock({ timeScale: 1000 });
    const lateness: number[] = [];
    const waits = [0, 1, 50, 500, 2_000, 5_000, 5_000, 12_000].map(
      (ms) =>
        new Promise<void>((resolve) => {
          const deadline = clock.now() + ms;
          clock.schedule(ms, () => {
            lateness.push(clock.now() - deadline);
            resolve();
          });
        })
    );

    // Act: bursts of work while the waits are pending
    for (let i = 0; i < 5; i++) {
      busy(4);
      await realSleep(1);
    }
    await Promise.all(waits);

    // Assert
    expect(lateness).toHaveLength(8);
    for (const late of lateness) expect(late).toBeGreaterThanOrEqual(0);
  });

  it('arms nothing for a wait that could never fire', () => {
    // Prepare
    const clock = new Clock({ timeScale: 0.001 });

    // Act
    const infinite = clock.schedule(Infinity, () => undefined);
    const pastTimerCeiling = clock.schedule(10 * 24 * 3600 * 1000, () => undefined);

    // Assert
    expect(clock.canFire(Infinity)).toBe(false);
    expect([infinite.hasRef(), pastTimerCeiling.hasRef()]).toEqual([false, false]);
  });

  it('ends a sleep with AbortedError when its scope is stopped, and cancels its timer', async () => {
    // Prepare
    const clock = new Clock({ timeScale: 1 });
    const scope = new Scope();
    const sleeping = clock.sleep(60_000, scope);

    // Act
    scope.abort();

    // Assert
    await expect(sleeping).rejects.toBeInstanceOf(AbortedError);
    await expect(clock.sleep(1, scope)).rejects.toBeInstanceOf(AbortedError);
  });

  it('refuses a time scale that is not a positive finite number', () => {
    // Act / Assert
    for (const timeScale of [0, -1, Infinity, Number.NaN]) expect(() => new Clock({ timeScale })).toThrow(RangeError);
  });
});
