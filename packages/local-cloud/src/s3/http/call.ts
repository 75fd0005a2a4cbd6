import type { GatewayRequest, GatewayResponse } from '../../gateway/types';
import type { S3Model } from '../model/s3-model';

/** One S3 request, routed: the bucket and key from its path-style URL. */
export interface S3Call {
  readonly request: GatewayRequest;
  readonly model: S3Model;
  /** '' for service-level requests (ListBuckets). */
  readonly bucket: string;
  readonly key: string | undefined;
}

export type S3Handler = (call: S3Call) => GatewayResponse;
