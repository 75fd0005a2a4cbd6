import { patternCeilings } from '@fanout/shared-types';
import { inlineFanOutWarnings } from '../src/capacity';
import { generateFlat } from '../src/generate';
import { describeFile } from '../src/run';

describe('inline fan-out capacity (the ceilings of @fanout/shared-types)', () => {
  const parallel = patternCeilings('map-in-parallel').maxCases;
  const callback = patternCeilings('map-eventbridge-callback').maxCases;

  it.each([
    ['the callback ceiling', callback, []],
    ['one case over the callback ceiling', callback + 1, ['map-eventbridge-callback: its history']],
    ['one case over the map-in-parallel ceiling', parallel + 1, ['map-in-parallel: its history', 'map-eventbridge-callback: its history']],
  ])('warns, per pattern, at %s', (_label, size, warnings) => {
    // act
    const found = inlineFanOutWarnings(generateFlat(size, { requestId: '123456' }), 3);

    // assert
    expect(found.map((w) => w.slice(0, w.indexOf(' (')).replace(/ \(.*$/, ''))).toEqual(warnings);
  });

  it('counts the events of injected failures (4 more per case): fewer failing cases fit', () => {
    // prepare
    const failing = generateFlat(2_500, { requestId: '123456', simulation: { seed: 1, failureRate: 1 } });

    // act / assert: 2,500 cases fit when they succeed, not when every one fails
    expect(inlineFanOutWarnings(generateFlat(2_500, { requestId: '123456' }), 3)).toEqual([]);
    expect(inlineFanOutWarnings(failing, 3)).toEqual([expect.stringContaining('map-in-parallel: its history (≈27529 events)'), expect.stringContaining('map-eventbridge-callback: its history (≈30015 events)')]);
  });

  it('is said on the file summary line', () => {
    const line = describeFile({ path: 'out/flat/dataset_4000.json', text: '', bytes: 70_000, oversize: false, shape: 'flat', cases: 4000, inlineWarnings: ['map-in-parallel: its history (≈28029 events) passes the 25,000-event limit'] });
    expect(line).toMatch(/dataset_4000\.json {2}WARNING: one inline-Map execution cannot carry it: map-in-parallel: its history/);
  });
});
