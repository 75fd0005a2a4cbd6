import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDatasets } from '@fanout/data-gen/src/run';
import type { DataGenOptions } from '@fanout/data-gen/src/options';

/** data-gen's own output (both shapes) for these sizes, in `dir`. */
export function writeDatasets(dir: string, sizes: number[], extra: Partial<DataGenOptions> = {}): void {
  generateDatasets({ sizes, slots: 3, chunkSize: 3, requestId: '123456', out: dir, shapes: ['flat', 'slotted'], seed: 1, allowOversize: false, ...extra });
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
