import { patternCeilings } from '@fanout/shared-types';
import { fanOutWarnings } from '../src/capacity';
import { generateFlat } from '../src/generate';
import { describeFile } from '../src/run';

describe('fan-out capacity (the ceilings of @fanout/shared-types)', () => {
  const parallel = patternCeilings('map-in-parallel').maxCases;
  const callback = patternCeilings('map-eventbridge-callback').maxCases;

  it.each([
    ['the callback ceiling', callback, []],
    ['one case over the callback ceiling', callback + 1, ['map-eventbridge-callback: its history']],
    ['one case over the map-in-parallel ceiling', parallel + 1, ['map-in-parallel: its history', 'map-eventbridge-callback: its history']],
  ])('warns, per pattern, at %s', (_label, size, warnings) => {
    // act
    const found = fanOutWarnings(generateFlat(size, { requestId: '123456' }), 3);

    // assert
    expect(found.map((w) => w.slice(0, w.indexOf(' (')).replace(/ \(.*$/, ''))).toEqual(warnings);
  });

  it('counts the events of injected failures (4 more per case): fewer failing cases fit', () => {
    // prepare
    const failing = generateFlat(2_500, { requestId: '123456', simulation: { seed: 1, failureRate: 1 } });

    // act / assert: 2,500 cases fit when they succeed, not when every one fails
    expect(fanOutWarnings(generateFlat(2_500, { requestId: '123456' }), 3)).toEqual([]);
    expect(fanOutWarnings(failing, 3)).toEqual([
      expect.stringContaining('map-in-parallel: its history (≈27529 events)'),
      expect.stringContaining('map-eventbridge-callback: its history (≈30015 events)'),
      // each injected failure carries its cause: the request itself no longer fits
      expect.stringContaining('distributed-map: its request (≈258 KiB)'),
    ]);
  });

  it('is said on the file summary line', () => {
    const line = describeFile({ path: 'out/flat/dataset_4000.json', text: '', bytes: 70_000, oversize: false, shape: 'flat', cases: 4000, warnings: ['map-in-parallel: its history (≈28029 events) passes the 25,000-event limit'] });
    expect(line).toMatch(/dataset_4000\.json {2}WARNING: one execution cannot carry it: map-in-parallel: its history/);
  });

  it('warns for distributed-map when its request passes 256 KiB, and for an items object only past the Summary ceiling', () => {
    // prepare
    // caseIds "0" … "14xxx": at most five characters (the ids below 10,000 are shorter, so a few more fit)
    const inline = patternCeilings('distributed-map', { caseIdChars: 5 }).maxCases;
    const s3 = patternCeilings('distributed-map', { itemSource: 's3', caseIdChars: 5 }).maxCases;
    const simulated = generateFlat(inline, { requestId: '123456', simulation: { seed: 1, duration: { kind: 'constant', ms: 5000 } } });

    // act / assert: with durations the request passes 256 KiB well before the seed-format ceiling
    expect(fanOutWarnings(generateFlat(inline, { requestId: '123456' }), 3, ['distributed-map'])).toEqual([]);
    expect(fanOutWarnings(simulated, 3, ['distributed-map'])).toEqual([expect.stringContaining('distributed-map: its request')]);
    expect(fanOutWarnings(simulated, 3, ['distributed-map'], 's3')).toEqual([]);
    expect(fanOutWarnings(generateFlat(s3 + 2_000, { requestId: '123456' }), 3, ['distributed-map'], 's3')).toEqual([expect.stringContaining('distributed-map: its Summary')]);
  });
});
