/**
 * distributed-map's two ways in: the cases in the request (up to 256 KiB), or an items object in
 * the stack's bucket that the Map's ItemReader reads, named by `{requestId, itemsBucket, itemsKey}`.
 * The object's bytes are shared-types' serializeItems, the same data-gen's `--items` writes.
 */
import { basename } from 'node:path';
import { AWS_LIMITS, ITEMS_EXTENSIONS, type ItemSource, type ItemsRequest, payloadBytes, serializeItems } from '@fanout/shared-types';
import { DatasetError } from '../errors';
import type { StackOutputs } from '../outputs';
import type { LoadedDataset } from './load';

/** `auto`: the request when it fits in 256 KiB, else an items object; or always one of them. */
export const ITEMS_CHOICES = ['auto', 'request', 's3'] as const;
export type ItemsChoice = (typeof ITEMS_CHOICES)[number];

export function itemSourceFor(dataset: LoadedDataset, choice: ItemsChoice): ItemSource {
  if (choice !== 'auto') return choice;
  return payloadBytes(dataset.request) > AWS_LIMITS.sfnPayloadBytes ? 's3' : 'request';
}

/** An object to put before the execution starts. */
export interface ItemsUpload {
  bucket: string;
  key: string;
  body: string;
}

/**
 * The items object of a dataset in the stack's bucket, under its itemsPrefix (the only prefix
 * its state machine may read), in its itemsInputType; and the request naming it.
 */
export function itemsUpload(dataset: LoadedDataset, outputs: StackOutputs, runId: string): { upload: ItemsUpload; request: ItemsRequest } {
  const { bucketName, itemsPrefix, itemsInputType } = outputs;
  if (bucketName === undefined || itemsPrefix === undefined || itemsInputType === undefined) {
    throw new DatasetError(`${dataset.file}: an items object needs the stack's bucketName, itemsPrefix and itemsInputType outputs`);
  }
  const key = `${itemsPrefix}bench/${runId}/${basename(dataset.file, '.json')}${ITEMS_EXTENSIONS[itemsInputType]}`;
  return { upload: { bucket: bucketName, key, body: serializeItems(dataset.cases, itemsInputType) }, request: { requestId: dataset.requestId, itemsBucket: bucketName, itemsKey: key } };
}
