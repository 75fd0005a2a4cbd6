import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchOptions } from '../src/options';
import { readOutputsFile, stackOutputs } from '../src/outputs';
import { planDatasets, planRuns, selectPatterns } from '../src/plan';
import { patternById } from '../src/patterns/registry';
import { tempDir, writeDatasets } from './support/datasets';
import { awsOptions } from './support/options';

const arn = 'arn:aws:states:us-east-1:123456789012:stateMachine:fanout-map-in-parallel';

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

  it('lays out pattern by pattern, size by size, run by run', () => {
    const patterns = selectPatterns(options(), 'all');
    const plan = planRuns(planDatasets(options(), patterns), (p) => ({ stateMachineArn: arn, stateMachineName: p.id, computeFunctionName: 'c', summaryFunctionName: 's', slotCount: 3 }), 3);
    expect(plan.specs.map((s) => `${s.pattern.id}:${s.size}:${s.run}`)).toEqual(
      ['map-in-parallel', 'map-eventbridge-callback'].flatMap((p) => [1, 10].flatMap((size) => [1, 2, 3].map((run) => `${p}:${size}:${run}`))),
    );
  });

  it('names a default dataset file that is missing, with the command that writes it', () => {
    expect(() => planDatasets(options({ sizes: [7] }), [patternById('map-in-parallel')!])).toThrow(/slotted\/dataset_7\.json: no such file; write the datasets with npx nx run data-gen:generate/);
  });

  it('pairs explicit files with the patterns of their shape, and refuses a file no selected pattern reads', () => {
    const flat = join(dir.path, 'datasets', 'flat', 'dataset_10.json');
    const slotted = join(dir.path, 'datasets', 'slotted', 'dataset_10.json');
    const both = planDatasets(options({ datasets: [flat, slotted] }), selectPatterns(options(), 'all'));
    expect(both.entries.map((e) => [e.pattern.id, e.datasets.map((d) => d.file)])).toEqual([['map-in-parallel', [slotted]], ['map-eventbridge-callback', [flat]]]);
    expect(() => planDatasets(options({ datasets: [flat] }), [patternById('map-in-parallel')!])).toThrow(/is a flat dataset \("requests"\), but map-in-parallel reads a slotted one/);
    expect(() => planDatasets(options({ datasets: [flat] }), selectPatterns(options(), 'all'))).toThrow(/--datasets: no slotted dataset for map-in-parallel/);
  });
});
