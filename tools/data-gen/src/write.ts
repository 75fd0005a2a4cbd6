import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AWS_LIMITS } from '@fanout/shared-types';
import { DatasetTooLargeError } from './errors';

export interface SerializedDataset {
  path: string;
  text: string;
  bytes: number;
  /** Over the Step Functions input limit, and allowed by the caller. */
  oversize: boolean;
}

/**
 * Compact JSON without a trailing newline, as the seeds' generators wrote it. A dataset over
 * Step Functions' 256 KiB input limit could never start an execution, so it is refused unless
 * the caller allows it (to exercise that refusal on the other side, for example).
 */
export function serializeDataset(path: string, dataset: unknown, allowOversize: boolean): SerializedDataset {
  const text = JSON.stringify(dataset);
  const bytes = Buffer.byteLength(text, 'utf8');
  const oversize = bytes > AWS_LIMITS.sfnPayloadBytes;
  if (oversize && !allowOversize) {
    throw new DatasetTooLargeError(
      `${path}: ${bytes} bytes is over the Step Functions input limit of ${AWS_LIMITS.sfnPayloadBytes} bytes (256 KiB); ` +
        'use fewer cases or fewer simulation fields, or pass --allow-oversize to write it anyway',
    );
  }
  return { path, text, bytes, oversize };
}

/** A file that is not a Step Functions input (an items object, read by the ItemReader from S3): no 256 KiB limit. */
export function serializedText(path: string, text: string): SerializedDataset {
  return { path, text, bytes: Buffer.byteLength(text, 'utf8'), oversize: false };
}

export function writeSerialized(dataset: SerializedDataset): void {
  mkdirSync(dirname(dataset.path), { recursive: true });
  writeFileSync(dataset.path, dataset.text);
}
