import { distributedMapDefinition } from '@fanout/infra/src/asl/distributed-map';
import { distributedMaps } from '../src/patterns/distributed-settings';
import { distributedIdealMs, idealMakespanMs } from '../src/patterns/ideal';
import { patternById, seriesName } from '../src/patterns/registry';

const definition = (batch?: number): string =>
  JSON.stringify(
    distributedMapDefinition({
      computeFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:compute',
      summaryFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:summary',
      computeTimeoutSeconds: 40,
      summaryTimeoutSeconds: 70,
      executionTimeoutSeconds: 3600,
      toleratedFailurePercentage: 0,
      bucketName: 'fanout-bucket',
      childExecutionType: 'EXPRESS',
      maxConcurrency: 1000,
      mapToleratedFailurePercentage: 100,
      itemsInputType: 'JSONL',
      ...(batch === undefined ? {} : { maxItemsPerBatch: batch }),
    }),
  );

describe('a deployed Distributed Map, read from its definition', () => {
  it('finds both of distributed-map\u2019s Maps with their child type, concurrency and batch', () => {
    // act
    const maps = distributedMaps(definition(10));
    // assert
    expect([...maps.keys()]).toEqual(['ComputeRequestCases', 'ComputeItemsCases']);
    expect(maps.get('ComputeRequestCases')).toMatchObject({ label: 'ComputeRequestCases', executionType: 'EXPRESS', maxConcurrency: 1000, maxItemsPerBatch: 10, childMapSteps: 1 });
    expect(distributedMaps(definition()).get('ComputeItemsCases')).toMatchObject({ childMapSteps: 0 });
    expect(distributedMaps(definition()).get('ComputeItemsCases')?.maxItemsPerBatch).toBeUndefined();
    expect(distributedMaps(definition()).get('ComputeRequestCases')?.childDefinitionBytes).toBeGreaterThan(1000);
  });

  it('refuses a definition that is not JSON, and finds none in an inline-only machine', () => {
    expect(() => distributedMaps('{')).toThrow(/the state machine definition is not JSON/);
    expect(distributedMaps(JSON.stringify({ StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } } })).size).toBe(0);
  });

  it('names the batched runs apart from the unbatched ones', () => {
    expect([seriesName('distributed-map', undefined), seriesName('distributed-map', 10)]).toEqual(['distributed-map', 'distributed-map (batch 10)']);
  });
});

describe('the ideal makespan', () => {
  const express = { maxConcurrency: 1000, executionType: 'EXPRESS' as const };

  it('distributed-map: waves of MaxConcurrency children plus the first wave\u2019s start ramp at 1,000 Express children a second', () => {
    expect(distributedIdealMs(1, 5000, express)).toBe(5000);
    expect(distributedIdealMs(1000, 5000, express)).toBe(5999);
    expect(distributedIdealMs(10_000, 5000, express)).toBe(50_999);
    // batches of 10 run as inline Maps of 10 at once: 1,000 children of one 5 s wave
    expect(distributedIdealMs(10_000, 5000, { ...express, maxItemsPerBatch: 10 })).toBe(5999);
    // a batch of 100 takes three waves of 40 inside its child
    expect(distributedIdealMs(100, 5000, { ...express, maxItemsPerBatch: 100 })).toBe(15_000);
    // Standard children start at 100 a second: the rate binds before the waves do
    expect(distributedIdealMs(2000, 5000, { maxConcurrency: 2000, executionType: 'STANDARD' })).toBe(24_990);
  });

  it('inline Maps: the largest Map\u2019s waves of 40; none when the cases take different times', () => {
    const cases = Array.from({ length: 100 }, (_, i) => ({ caseId: String(i) }));
    expect(idealMakespanMs(patternById('map-eventbridge-callback')!, { shape: 'flat', cases }, 5000)).toBe(15_000);
    expect(idealMakespanMs(patternById('map-eventbridge-callback')!, { shape: 'flat', cases: [{ caseId: '0', durationMs: 1 }, { caseId: '1' }] }, 5000)).toBeUndefined();
    expect(idealMakespanMs(patternById('distributed-map')!, { shape: 'flat', cases }, 5000)).toBeUndefined();
  });
});
