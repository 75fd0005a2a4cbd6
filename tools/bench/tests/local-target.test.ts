import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StartLocalCloudProps } from '@fanout/local-cloud';
import { localTarget } from '../src/targets/local';
import { tempDir } from './support/datasets';

const stack = { stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:fanout-map-in-parallel', stateMachineName: 'fanout-map-in-parallel', computeFunctionName: 'c', summaryFunctionName: 's', slotCount: 3 };

describe('the local target, through startLocalCloud', () => {
  const dir = tempDir('bench-local-');
  const synthDir = join(dir.path, 'cdktf.out');
  beforeAll(() => {
    mkdirSync(synthDir, { recursive: true });
    writeFileSync(join(synthDir, 'manifest.json'), '{}');
  });
  afterAll(() => dir.remove());

  it('asks for infra:synth when there is nothing synthesized', async () => {
    await expect(localTarget({ timeScale: 10, synthDir: join(dir.path, 'none') })).rejects.toThrow(/no synthesized stacks in .*none: run npx nx run infra:synth first/);
  });

  it('calls it with the promised props, takes its endpoint and outputs, and stops it', async () => {
    // prepare
    const calls: StartLocalCloudProps[] = [];
    let stopped = 0;
    const start = async (props: StartLocalCloudProps) => {
      calls.push(props);
      return { url: 'http://127.0.0.1:4566', outputs: { 'map-in-parallel': { ...stack, endpoint: 'http://127.0.0.1:4566' } }, stop: async () => void (stopped += 1) };
    };
    // act
    const target = await localTarget({ timeScale: 25, synthDir, start });
    await target.stop();
    // assert
    expect(calls).toEqual([{ timeScale: 25, stacks: 'all', synthDir, port: 0, iam: 'enforce' }]);
    expect(target).toMatchObject({ name: 'local', endpoint: 'http://127.0.0.1:4566', timeScale: 25 });
    expect(Object.keys(target.outputs.stacks)).toEqual(['map-in-parallel']);
    expect(stopped).toBe(1);
  });

  it('stops the cloud when its outputs are unusable', async () => {
    let stopped = 0;
    const start = async () => ({ url: 'http://127.0.0.1:1', outputs: ['not', 'outputs'] as never, stop: async () => void (stopped += 1) });
    await expect(localTarget({ timeScale: 1, synthDir, start })).rejects.toThrow(/the local cloud outputs: expected an object keyed by stack id/);
    expect(stopped).toBe(1);
  });
});
