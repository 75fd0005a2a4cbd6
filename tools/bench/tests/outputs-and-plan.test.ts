import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchOptions } from '../src/options';
import { readOutputsFile, stackOutputs } from '../src/outputs';
import { planDatasets, planRuns, selectPatterns } from '../src/plan';
import { type PatternSpec, patternById } from '../src/patterns/registry';
import { tempDir, writeDatasets } from './support/datasets';
import { awsOptions } from './support/options';

const arn = 'arn:aws:states:us-east-1:123456789012:stateMachine:fanout-map-in-parallel';
const stack = (id: string) => ({
  stateMachineArn: arn,
  stateMachineName: id,
  computeFunctionName: 'c',
  summaryFunctionName: 's',
  slotCount: 3,
  bucketName: 'fanout-bucket',
  itemsPrefix: 'inputs/',
  resultsPrefix: 'results/',
  itemsInputType: 'JSONL' as const,
  maxConcurrency: 1000,
});

describe('the outputs file', () => {
  const dir = tempDir('bench-outputs-');
  afterAll(() => dir.remove());

  it('is required, with what to do when it is missing', () => {
    expect(() => readOutputsFile(join(dir.path, 'none.json'))).toThrow(/no outputs file at .*none\.json: deploy the stacks first \(npx nx run infra:deploy writes it\), or name another file with --outputs/);
  });

  it('names a missing stack and the stacks it holds', () => {
    writeFileSync(join(dir.path, 'one.json'), JSON.stringify({ 'map-in-parallel': { stateMachineArn: arn, stateMachineName: 'm', computeFunctionName: 'c', summaryFunctionName: 's', slotCount: 3 } }));
    const file = readOutputsFile(join(dir.path, 'one.json'));
    expect(() => stackOutputs(file, 'map-eventbridge-callback', [])).toThrow(/stack 'map-eventbridge-callback' is missing \(it holds 'map-in-parallel'\): deploy it with npx nx run infra:deploy -- map-eventbridge-callback/);
    expect(stackOutputs(file, 'map-in-parallel', ['slotCount']).slotCount).toBe(3);
  });

  it('names a missing or malformed output of a stack', () => {
    writeFileSync(join(dir.path, 'bad.json'), JSON.stringify({ 'map-in-parallel': { stateMachineArn: 'not-an-arn', stateMachineName: 'm', computeFunctionName: 'c', summaryFunctionName: 's' } }));
    const file = readOutputsFile(join(dir.path, 'bad.json'));
    expect(() => stackOutputs(file, 'map-in-parallel', [])).toThrow(/stack 'map-in-parallel' has unusable outputs \(stateMachineArn: stateMachineArn must be a state machine ARN\)/);
    writeFileSync(join(dir.path, 'no-slots.json'), JSON.stringify({ 'map-in-parallel': { stateMachineArn: arn, stateMachineName: 'm', computeFunctionName: 'c', summaryFunctionName: 's' } }));
    expect(() => stackOutputs(readOutputsFile(join(dir.path, 'no-slots.json')), 'map-in-parallel', ['slotCount'])).toThrow(/has no 'slotCount' output/);
  });
});

describe('the plan', () => {
  const dir = tempDir('bench-plan-');
  beforeAll(() => writeDatasets(join(dir.path, 'datasets'), [1, 10]));
  afterAll(() => dir.remove());
  const options = (extra: Partial<BenchOptions> = {}) =>
    awsOptions({ outputsFile: 'unused', datasetDir: join(dir.path, 'datasets'), out: dir.path, sizes: [1, 10], runs: 3, ...extra });

  it('selects the deployed patterns by default and refuses when none is', () => {
    expect(selectPatterns(options(), ['map-eventbridge-callback', 'other']).map((p) => p.id)).toEqual(['map-eventbridge-callback']);
    expect(() => selectPatterns(options(), [])).toThrow(/no pattern is deployed/);
  });

  const layout = (seriesOf = (p: PatternSpec) => p.id) => ({ outputsOf: (p: PatternSpec) => stack(p.id), seriesOf, runId: 'bench-test' });

  it('lays out pattern by pattern, size by size, run by run, and distributed-map\u2019s scale run once', () => {
    const patterns = selectPatterns(options(), 'all');
    const plan = planRuns(planDatasets(options({ scaleRun: 10 }), patterns), layout());
    expect(plan.specs.map((s) => `${s.pattern.id}:${s.size}:${s.run}`)).toEqual(
      ['map-in-parallel', 'map-eventbridge-callback', 'distributed-map'].flatMap((p) => [1, 10].flatMap((size) => [1, 2, 3].map((run) => `${p}:${size}:${run}`))),
    );
    const withScale = planRuns(planDatasets(options({ sizes: [1], scaleRun: 10 }), [patternById('distributed-map')!]), layout());
    expect(withScale.specs.map((s) => `${s.size}:${s.run}`)).toEqual(['1:1', '1:2', '1:3', '10:1']);
  });

  it('names each run by its series and sends distributed-map its cases inline, or as an items object in the stack\u2019s bucket', () => {
    // prepare
    const distributed = [patternById('distributed-map')!];
    // act
    const inline = planRuns(planDatasets(options({ sizes: [10], runs: 1 }), distributed), layout(() => 'distributed-map (batch 10)'));
    const items = planRuns(planDatasets(options({ sizes: [10], runs: 1, items: 's3' }), distributed), layout());
    // assert
    expect(inline.specs[0]).toMatchObject({ series: 'distributed-map (batch 10)', itemSource: 'request' });
    expect(inline.specs[0]?.items).toBeUndefined();
    expect(JSON.parse(inline.specs[0]!.input)).toMatchObject({ requestId: '123456', length: '10' });
    const spec = items.specs[0]!;
    expect(spec.itemSource).toBe('s3');
    expect(JSON.parse(spec.input)).toEqual({ requestId: '123456', itemsBucket: 'fanout-bucket', itemsKey: 'inputs/bench/bench-test/dataset_10.jsonl' });
    // the same bytes data-gen --items jsonl writes: one case a line, no trailing newline
    expect(spec.items).toEqual({ bucket: 'fanout-bucket', key: 'inputs/bench/bench-test/dataset_10.jsonl', body: Array.from({ length: 10 }, (_, i) => JSON.stringify({ caseId: String(i) })).join('\n') });
  });

  it('sends distributed-map a request past 256 KiB as an items object, and refuses it inline when told to', () => {
    // prepare: 15,000 seed cases pass the 256 KiB input (14,546 fit)
    writeDatasets(join(dir.path, 'datasets'), [15_000], { shapes: ['flat'], allowOversize: true });
    const distributed = [patternById('distributed-map')!];
    // act / assert
    expect(planDatasets(options({ sizes: [15_000], runs: 1 }), distributed).entries[0]?.datasets[0]?.itemSource).toBe('s3');
    expect(() => planDatasets(options({ sizes: [15_000], runs: 1, items: 'request' }), distributed)).toThrow(/passes the 256 KiB execution input limit: write the cases as an items object/);
  });

  it('writes a default dataset file that is missing, with data-gen\u2019s defaults, and never overwrites one', () => {
    // prepare
    const fresh = join(dir.path, 'fresh');
    writeDatasets(join(dir.path, 'reference'), [7]);
    // act
    const plan = planDatasets(options({ datasetDir: fresh, sizes: [7] }), [patternById('map-in-parallel')!]);
    const again = planDatasets(options({ datasetDir: fresh, sizes: [7] }), [patternById('map-in-parallel')!]);
    // assert
    expect(plan.written).toEqual([join(fresh, 'slotted', 'dataset_7.json')]);
    expect(readFileSync(join(fresh, 'slotted', 'dataset_7.json'), 'utf8')).toBe(readFileSync(join(dir.path, 'reference', 'slotted', 'dataset_7.json'), 'utf8'));
    expect(existsSync(join(fresh, 'flat', 'dataset_7.json'))).toBe(false);
    expect(again.written).toEqual([]);
  });

  it('pairs explicit files with the patterns of their shape, and refuses a file no selected pattern reads', () => {
    const flat = join(dir.path, 'datasets', 'flat', 'dataset_10.json');
    const slotted = join(dir.path, 'datasets', 'slotted', 'dataset_10.json');
    const both = planDatasets(options({ datasets: [flat, slotted] }), selectPatterns(options(), 'all'));
    expect(both.entries.map((e) => [e.pattern.id, e.datasets.map((d) => d.dataset.file)])).toEqual([['map-in-parallel', [slotted]], ['map-eventbridge-callback', [flat]], ['distributed-map', [flat]]]);
    expect(() => planDatasets(options({ datasets: [flat] }), [patternById('map-in-parallel')!])).toThrow(/is a flat dataset \("requests"\), but map-in-parallel reads a slotted one/);
    expect(() => planDatasets(options({ datasets: [flat] }), selectPatterns(options(), 'all'))).toThrow(/--datasets: no slotted dataset for map-in-parallel/);
  });
});
