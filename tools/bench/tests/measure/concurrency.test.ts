import { concurrencySeries, downsample, peakOf } from '../../src/measure/concurrency';

describe('concurrency over time', () => {
  it('counts intervals open at once from the origin, and their peak', () => {
    // act
    const series = concurrencySeries([{ startMs: 110, endMs: 150 }, { startMs: 120, endMs: 130 }, { startMs: 140, endMs: 160 }], 100);
    // assert
    expect(series).toEqual([[0, 0], [10, 1], [20, 2], [30, 1], [40, 2], [50, 1], [60, 0]]);
    expect(peakOf(series)).toBe(2);
  });

  it('does not count an interval ending as another starts as both open', () => {
    const series = concurrencySeries([{ startMs: 0, endMs: 10 }, { startMs: 10, endMs: 20 }], 0);
    expect(peakOf(series)).toBe(1);
  });

  it('skips an interval that ends before it starts', () => {
    expect(concurrencySeries([{ startMs: 10, endMs: 5 }], 0)).toEqual([[0, 0]]);
  });

  it('downsamples to at most the buckets asked for (plus the end) without losing the peak', () => {
    // prepare: 1,000 short intervals, one burst of 40 in the middle
    const intervals = Array.from({ length: 1000 }, (_, i) => ({ startMs: i * 10, endMs: i * 10 + 5 }));
    for (let k = 0; k < 40; k++) intervals.push({ startMs: 5001, endMs: 5002 });
    const series = concurrencySeries(intervals, 0);
    // act
    const small = downsample(series, 50);
    // assert
    expect(small.length).toBeLessThanOrEqual(51);
    expect(peakOf(small)).toBe(peakOf(series));
    expect(small[small.length - 1]).toEqual(series[series.length - 1]);
  });
});
