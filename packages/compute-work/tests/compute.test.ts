import { COMPUTATION_FAILED, type ComputeInput } from '@fanout/shared-types';
import { ComputationError, ConfigError, DEFAULT_COMPUTE_MS, computeCase, computeMsFromEnv } from '../src';

/** A fake clock that advances by exactly what was slept. */
function fakeTime() {
  let t = 1000;
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    sleep: async (ms: number) => {
      slept.push(ms);
      t += ms;
    },
  };
}

describe('computeCase', () => {
  it('waits the default duration for a seed case and returns its result', async () => {
    // prepare
    const time = fakeTime();
    const input: ComputeInput = { requestId: 'r1', request: { caseId: '0' } };

    // act
    const result = await computeCase(input, { defaultDurationMs: 5000, ...time });

    // assert
    expect(time.slept).toEqual([5000]);
    expect(result).toEqual({ requestId: 'r1', request: { caseId: '0' }, durationMs: 5000, state: 'SUCCEEDED' });
  });

  it("uses the case's own durationMs over the default", async () => {
    // prepare
    const time = fakeTime();

    // act
    const result = await computeCase({ requestId: 'r1', request: { caseId: '1', durationMs: 250 } }, { defaultDurationMs: 5000, ...time });

    // assert
    expect(time.slept).toEqual([250]);
    expect(result.durationMs).toBe(250);
  });

  it('throws the injected failure by its name, after spending the time', async () => {
    // prepare
    const time = fakeTime();
    const input: ComputeInput = { requestId: 'r1', request: { caseId: '2', durationMs: 10, failure: { error: 'DiskFull', cause: 'no space left' } } };

    // act
    const error = await computeCase(input, { defaultDurationMs: 5000, ...time }).catch((e: unknown) => e);

    // assert
    expect(time.slept).toEqual([10]);
    expect(error).toBeInstanceOf(ComputationError);
    expect(error).toMatchObject({ name: 'DiskFull', message: 'no space left', requestId: 'r1', caseId: '2' });
  });

  it('gives an injected failure without a cause a cause naming the case', async () => {
    // prepare
    const input: ComputeInput = { requestId: 'r1', request: { caseId: '3', failure: { error: COMPUTATION_FAILED } } };

    // act
    const error = await computeCase(input, { defaultDurationMs: 0, ...fakeTime() }).catch((e: unknown) => e);

    // assert
    expect(error).toMatchObject({ name: 'ComputationFailed', message: 'case 3 failed by injection' });
  });

  it('really waits with the default timer', async () => {
    // act
    const result = await computeCase({ requestId: 'r1', request: { caseId: '4', durationMs: 20 } }, { defaultDurationMs: 5000 });

    // assert: a timer may fire a millisecond early
    expect(result.durationMs).toBeGreaterThanOrEqual(19);
  });
});

describe('computeMsFromEnv', () => {
  it('defaults to 5000 and reads COMPUTE_MS', () => {
    expect(computeMsFromEnv({})).toBe(DEFAULT_COMPUTE_MS);
    expect(computeMsFromEnv({ COMPUTE_MS: '' })).toBe(5000);
    expect(computeMsFromEnv({ COMPUTE_MS: '250' })).toBe(250);
  });

  it('rejects a value that is not a whole number of milliseconds, naming the variable', () => {
    expect(() => computeMsFromEnv({ COMPUTE_MS: '5s' })).toThrow(ConfigError);
    expect(() => computeMsFromEnv({ COMPUTE_MS: '-1' })).toThrow(/COMPUTE_MS="-1"/);
    expect(() => computeMsFromEnv({ COMPUTE_MS: '900001' })).toThrow(/COMPUTE_MS=900001 exceeds/);
  });
});
