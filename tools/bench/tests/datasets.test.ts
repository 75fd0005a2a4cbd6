import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkAgainstStack, checkCeiling, checkShape } from '../src/datasets/compatibility';
import { executionInput, readDataset, withComputeMs } from '../src/datasets/load';
import type { StackOutputs } from '../src/outputs';
import { patternById } from '../src/patterns/registry';
import { tempDir, writeDatasets } from './support/datasets';

const parallel = patternById('map-in-parallel')!;
const callback = patternById('map-eventbridge-callback')!;
const stack = (slotCount: number): StackOutputs => ({ stateMachineArn: 'arn:aws:states:us-east-1:1:stateMachine:m', stateMachineName: 'm', computeFunctionName: 'c', summaryFunctionName: 's', slotCount });

describe('dataset files, checked before anything runs', () => {
  const dir = tempDir('bench-datasets-');
  const path = (p: string) => join(dir.path, p);
  beforeAll(() => writeDatasets(dir.path, [10]));
  afterAll(() => dir.remove());

  it('reads either shape of data-gen output', () => {
    expect(readDataset(path('flat/dataset_10.json'))).toMatchObject({ shape: 'flat', requestId: '123456' });
    const slotted = readDataset(path('slotted/dataset_10.json'));
    expect(slotted).toMatchObject({ shape: 'slotted' });
    expect(slotted.slots?.map((s) => s.length)).toEqual([4, 3, 3]);
    expect(slotted.cases).toHaveLength(10);
  });

  it('refuses a flat dataset for map-in-parallel, saying what it would do on AWS and what to use', () => {
    const flat = readDataset(path('flat/dataset_10.json'));
    expect(() => checkAgainstStack(flat, parallel, stack(3))).toThrow(
      new RegExp(`^${path('flat/dataset_10.json')} is a flat dataset \\("requests"\\), but map-in-parallel reads a slotted one.*SlotCountMismatch.*datasets/slotted/dataset_10\\.json.*--shapes=slotted --slots=3$`),
    );
  });

  it('refuses a slotted dataset for the callback pattern', () => {
    expect(() => checkShape(readDataset(path('slotted/dataset_10.json')), callback)).toThrow(/is a slotted dataset \("requestSlots"\), but map-eventbridge-callback reads a flat one.*States\.Runtime.*--shapes=flat/);
  });

  it('refuses the wrong slot count for the deployed stack', () => {
    expect(() => checkAgainstStack(readDataset(path('slotted/dataset_10.json')), parallel, stack(4))).toThrow(/holds 3 slots in "requestSlots", but the map-in-parallel stack has 4 Parallel branches.*--slots=4.*FANOUT_SLOT_COUNT=3/);
  });

  it('refuses a malformed case, naming the file, the case and the field', () => {
    // prepare
    const dataset = JSON.parse(readFileSync(path('flat/dataset_10.json'), 'utf8')) as { requests: Record<string, unknown>[] };
    dataset.requests[3] = { caseId: '3', durationMs: 'slow' };
    dataset.requests[5] = { caseId: 5 };
    writeFileSync(path('bad.json'), JSON.stringify(dataset));
    // act / assert
    expect(() => readDataset(path('bad.json'))).toThrow(/bad\.json: not a valid flat dataset:\n {2}- requests\[3\]\.durationMs: .*\n {2}- requests\[5\]\.caseId: caseId must be a string\nFix the cases named above/);
  });

  it('refuses a file that is missing, not JSON, or neither shape', () => {
    writeFileSync(path('text.json'), 'not json');
    writeFileSync(path('other.json'), '{"cases":[]}');
    expect(() => readDataset(path('none.json'))).toThrow(/none\.json: no such file; write the datasets with npx nx run data-gen:generate/);
    expect(() => readDataset(path('text.json'))).toThrow(/text\.json: not JSON/);
    expect(() => readDataset(path('other.json'))).toThrow(/other\.json: neither a flat dataset/);
  });

  it('refuses a dataset beyond one execution, unless asked to run it anyway', () => {
    // prepare: 3,500 cases pass both the history and the fan-in ceilings of the callback pattern
    writeDatasets(dir.path, [3500]);
    const big = readDataset(path('flat/dataset_3500.json'));
    // act / assert
    expect(() => checkCeiling(big, callback, false)).toThrow(/dataset_3500\.json: 3500 cases are beyond one map-eventbridge-callback execution: .*25,000-event limit.*--allow-over-ceiling/);
    expect(checkCeiling(big, callback, true)).toEqual([expect.stringMatching(/run anyway: --allow-over-ceiling/)]);
    expect(checkCeiling(readDataset(path('flat/dataset_10.json')), callback, false)).toEqual([]);
  });

  it('writes the compute time into cases without one, and refuses an input over 256 KiB', () => {
    const timed = withComputeMs(readDataset(path('slotted/dataset_10.json')), 1234);
    expect(timed.cases.every((c) => c.durationMs === 1234)).toBe(true);
    expect(JSON.parse(executionInput(timed)).requestSlots[0].requests[0]).toEqual({ caseId: '0', durationMs: 1234 });
    const huge = { ...readDataset(path('flat/dataset_10.json')), request: { requestId: 'x'.repeat(300_000), requests: [], length: '0' } };
    expect(() => executionInput(huge)).toThrow(/over the Step Functions input limit of 262144 bytes/);
  });
});
