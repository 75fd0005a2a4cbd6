import { payloadBytes } from '@fanout/shared-types';
import { HISTORY_EVENTS_PER_CASE, estimateInlineFanOut, inlineFanOutWarnings } from '../src/capacity';
import { generateFlat } from '../src/generate';
import { describeFile } from '../src/run';

describe('inline fan-out capacity', () => {
  it('estimates exactly the JSON size of the results array the Summary step would receive', () => {
    // prepare
    const flat = generateFlat(3, { requestId: '123456' });
    const results = flat.requests.map((request) => ({ requestId: '123456', request, durationMs: 5000, state: 'SUCCEEDED' }));

    // act
    const estimate = estimateInlineFanOut(flat);

    // assert
    expect(estimate).toEqual({ resultBytes: payloadBytes(results), historyEvents: 3 * HISTORY_EVENTS_PER_CASE });
  });

  it.each([
    [2000, []],
    [3000, ['state limit']],
    [4000, ['state limit', '25,000-event limit']],
  ])('%i seed-format cases: %o', (size, limits) => {
    const warnings = inlineFanOutWarnings(generateFlat(size, { requestId: '123456' }));
    expect(warnings).toHaveLength(limits.length);
    limits.forEach((limit, i) => expect(warnings[i]).toContain(limit));
  });

  it('is said on the file summary line', () => {
    const line = describeFile({ path: 'out/flat/dataset_3000.json', text: '', bytes: 52_000, oversize: false, shape: 'flat', cases: 3000, inlineWarnings: ['its results (≈260 KiB) pass the 256 KiB state limit'] });
    expect(line).toMatch(/dataset_3000\.json {2}WARNING: one inline-Map execution cannot carry it: its results/);
  });
});
