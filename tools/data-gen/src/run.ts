import { join } from 'node:path';
import { toSlotted } from '@fanout/dataset-splitter';
import { AWS_LIMITS } from '@fanout/shared-types';
import { inlineFanOutWarnings } from './capacity';
import { generateFlat, type GenerateProps } from './generate';
import type { DataGenOptions } from './options';
import { type SerializedDataset, serializeDataset, writeSerialized } from './write';

export interface WrittenFile extends SerializedDataset {
  shape: 'flat' | 'slotted';
  cases: number;
  /** Why one inline-pattern execution could not carry it (see capacity.ts); empty when it can. */
  inlineWarnings: string[];
}

function generateProps(options: DataGenOptions): GenerateProps {
  const simulated = options.duration !== undefined || options.failureRate !== undefined;
  if (!simulated) return { requestId: options.requestId };
  const simulation: NonNullable<GenerateProps['simulation']> = { seed: options.seed };
  if (options.duration) simulation.duration = options.duration;
  if (options.failureRate !== undefined) simulation.failureRate = options.failureRate;
  return { requestId: options.requestId, simulation };
}

/**
 * Builds every dataset first and writes only when all of them fit, so a refused size never
 * leaves a half-written set behind.
 */
export function generateDatasets(options: DataGenOptions): WrittenFile[] {
  const props = generateProps(options);
  const files: WrittenFile[] = [];
  for (const size of options.sizes) {
    const flat = generateFlat(size, props);
    const inlineWarnings = inlineFanOutWarnings(flat, options.slots);
    for (const shape of options.shapes) {
      const dataset = shape === 'flat' ? flat : toSlotted(flat, { slots: options.slots, chunkSize: options.chunkSize });
      const path = join(options.out, shape, `dataset_${size}.json`);
      files.push({ ...serializeDataset(path, dataset, options.allowOversize), shape, cases: size, inlineWarnings });
    }
  }
  files.forEach(writeSerialized);
  return files;
}

/** One line per file: shape, cases, size against the 256 KiB input limit, path. */
export function describeFile(file: WrittenFile): string {
  const share = ((file.bytes / AWS_LIMITS.sfnPayloadBytes) * 100).toFixed(1);
  const warnings: string[] = [];
  if (file.oversize) warnings.push('over the Step Functions input limit; an execution with it will be refused');
  if (file.inlineWarnings.length > 0) warnings.push(`one inline-Map execution cannot carry it: ${file.inlineWarnings.join('; ')}`);
  const warning = warnings.map((w) => `  WARNING: ${w}`).join('');
  return `${file.shape.padEnd(7)} ${String(file.cases).padStart(6)} cases ${(file.bytes / 1024).toFixed(1).padStart(8)} KiB (${share}% of 256 KiB)  ${file.path}${warning}`;
}
