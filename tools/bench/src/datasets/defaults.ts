/**
 * The default datasets (`<dataset-dir>/<shape>/dataset_<n>.json`), written when missing so a
 * fresh clone runs at once: data-gen's own library with its command-line defaults, so the bytes
 * are the ones `npx nx run data-gen:generate --sizes=<n>` writes. An existing file is never
 * touched.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateDatasets } from '@fanout/data-gen/src/run';
import { CLI_DEFAULTS, resolveOptions } from '@fanout/data-gen/src/options';
import type { DatasetShape } from '../patterns/registry';

export function defaultDatasetFile(datasetDir: string, shape: DatasetShape, size: number): string {
  return join(datasetDir, shape, `dataset_${size}.json`);
}

/** Writes each missing default dataset; returns the files it wrote. */
export function writeMissingDatasets(datasetDir: string, wanted: readonly { shape: DatasetShape; size: number }[]): string[] {
  const missing = wanted.filter((w, i) => !existsSync(defaultDatasetFile(datasetDir, w.shape, w.size)) && wanted.findIndex((o) => o.shape === w.shape && o.size === w.size) === i);
  for (const { shape, size } of missing) {
    generateDatasets(resolveOptions({ ...CLI_DEFAULTS, sizes: String(size), out: datasetDir, shapes: shape }));
  }
  return missing.map((w) => defaultDatasetFile(datasetDir, w.shape, w.size));
}
