import { join } from 'node:path';
import { toSlotted } from '@fanout/dataset-splitter';
import { AWS_LIMITS } from '@fanout/shared-types';
import { fanOutWarnings } from './capacity';
import { generateFlat, type GenerateProps } from './generate';
import { itemsFiles } from './items';
import type { DataGenOptions } from './options';
import { type SerializedDataset, serializeDataset, writeSerialized } from './write';

/** flat / slotted: an execution input; items: an items object for S3; items-request: the input naming it. */
export type FileKind = 'flat' | 'slotted' | 'items' | 'items-request';

export interface WrittenFile extends SerializedDataset {
  shape: FileKind;
  cases: number;
  /** Why one execution of a pattern could not carry it (see capacity.ts); empty when every one can. */
  warnings: string[];
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
    const warnings = fanOutWarnings(flat, options.slots);
    for (const shape of options.shapes) {
      const dataset = shape === 'flat' ? flat : toSlotted(flat, { slots: options.slots, chunkSize: options.chunkSize });
      const path = join(options.out, shape, `dataset_${size}.json`);
      files.push({ ...serializeDataset(path, dataset, options.allowOversize), shape, cases: size, warnings });
    }
    const itemsFormats = options.items ?? [];
    if (itemsFormats.length > 0) {
      const itemsWarnings = fanOutWarnings(flat, options.slots, ['distributed-map'], 's3');
      for (const inputType of itemsFormats) {
        const { items, request } = itemsFiles(options.out, flat, inputType, options.itemsBucket);
        files.push({ ...items, shape: 'items', cases: size, warnings: itemsWarnings });
        if (request) files.push({ ...request, shape: 'items-request', cases: size, warnings: [] });
      }
    }
  }
  files.forEach(writeSerialized);
  return files;
}

/** One line per file: kind, cases, size (against the 256 KiB input limit for an execution input), path. */
export function describeFile(file: WrittenFile): string {
  const size = `${(file.bytes / 1024).toFixed(1).padStart(8)} KiB`;
  const share = file.shape === 'items' ? '(an items object, no input limit)' : `(${((file.bytes / AWS_LIMITS.sfnPayloadBytes) * 100).toFixed(1)}% of 256 KiB)`;
  const warnings: string[] = [];
  if (file.oversize) warnings.push('over the Step Functions input limit; an execution with it will be refused');
  if (file.warnings.length > 0) warnings.push(`one execution cannot carry it: ${file.warnings.join('; ')}`);
  const warning = warnings.map((w) => `  WARNING: ${w}`).join('');
  return `${file.shape.padEnd(13)} ${String(file.cases).padStart(6)} cases ${size} ${share}  ${file.path}${warning}`;
}
