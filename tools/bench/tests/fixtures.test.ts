import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '../src/paths';
import { portable } from './support/portable';

const FIXTURES = join(__dirname, 'fixtures');

describe('recorded fixtures', () => {
  it('turn the recording machine\'s paths into portable ones', () => {
    // Prepare
    const text = JSON.stringify({
      datasetFile: '../../tmp/bench-fixtures-Ab12Cd/datasets/flat/dataset_1.json',
      outputs: '/tmp/bench-fixtures-Ab12/outputs.json',
      stack: 'at handler (/srv/ws/apps/compute-direct/src/handler.ts:59:22)',
    });

    // Act
    const out = JSON.parse(portable(text, '/srv/ws', '/tmp')) as Record<string, string>;

    // Assert
    expect(out).toEqual({ datasetFile: '<scratch>/datasets/flat/dataset_1.json', outputs: '<scratch>/outputs.json', stack: 'at handler (apps/compute-direct/src/handler.ts:59:22)' });
  });

  it.each(['results', 'recorded'])('in %s/ name no path of this machine', (folder) => {
    // Prepare
    const files = readdirSync(join(FIXTURES, folder)).filter((f) => f.endsWith('.json'));

    // Act
    const texts = files.map((f) => readFileSync(join(FIXTURES, folder, f), 'utf8'));

    // Assert
    expect(files.length).toBeGreaterThan(0);
    for (const text of texts) {
      expect(text).not.toContain(`${WORKSPACE_ROOT}/`);
      expect(text).not.toContain(`${tmpdir()}/bench-fixtures-`);
      expect(text).not.toMatch(/\.\.\/[^"]*bench-fixtures-/);
    }
  });
});
