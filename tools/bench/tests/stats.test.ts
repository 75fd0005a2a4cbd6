import { median, percentile } from '../src/measure/stats';

describe('statistics over runs and cases', () => {
  it('takes percentiles by nearest rank, always a measured value', () => {
    const values = [5, 1, 4, 2, 3];
    expect(percentile(values, 50)).toBe(3);
    expect(percentile(values, 95)).toBe(5);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeUndefined();
  });

  it('takes the median as the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([5493, 5598])).toBe(5545.5);
    expect(median([])).toBeUndefined();
  });
});
