import { join } from 'node:path';
import { ITEMS_EXTENSIONS, ITEMS_PREFIX, type FlatRequest, type ItemsInputType, type ItemsRequest, serializeItems } from '@fanout/shared-types';
import { DataGenOptionError } from './errors';
import { type SerializedDataset, serializeDataset, serializedText } from './write';

/** Under `<out>/items/` the files sit at their S3 keys: `aws s3 cp --recursive <out>/items s3://<bucket>/` uploads them where the requests say. */
export const ITEMS_DIR = 'items';
/** The requests naming them, one per items object (only with an items bucket). */
export const ITEMS_REQUESTS_DIR = 'items-requests';

/** A requestId becomes a key segment (`inputs/<requestId>/…`): it must be one. */
const KEY_SEGMENT = /^[A-Za-z0-9._-]+$/;

export function itemsKey(requestId: string, size: number, inputType: ItemsInputType): string {
  if (!KEY_SEGMENT.test(requestId)) throw new DataGenOptionError(`--request-id: "${requestId}" cannot be an S3 key segment of the items objects (use letters, digits, . _ -)`);
  return `${ITEMS_PREFIX}${requestId}/dataset_${size}${ITEMS_EXTENSIONS[inputType]}`;
}

export interface ItemsFiles {
  items: SerializedDataset;
  /** `{requestId, itemsBucket, itemsKey}` starting a distributed-map execution over them. */
  request?: SerializedDataset;
}

/** One items object of the flat request's cases, and the request naming it when the bucket is known. */
export function itemsFiles(out: string, flat: FlatRequest, inputType: ItemsInputType, bucket: string | undefined): ItemsFiles {
  const key = itemsKey(flat.requestId, flat.requests.length, inputType);
  const items = serializedText(join(out, ITEMS_DIR, ...key.split('/')), serializeItems(flat.requests, inputType));
  if (bucket === undefined) return { items };
  const request: ItemsRequest = { requestId: flat.requestId, itemsBucket: bucket, itemsKey: key };
  return { items, request: serializeDataset(join(out, ITEMS_REQUESTS_DIR, `dataset_${flat.requests.length}${ITEMS_EXTENSIONS[inputType]}.json`), request, false) };
}
