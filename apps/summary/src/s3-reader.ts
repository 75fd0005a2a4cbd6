import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ObjectReader } from './map-run';

/**
 * GetObject as text. Region and endpoint come from the standard SDK environment (AWS_REGION,
 * AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL), so the same bundle reads from AWS or from the local
 * cloud; with an endpoint set (the local cloud, which serves path-style requests only) requests
 * are path-style, on AWS virtual-hosted as S3 recommends.
 */
export function createS3ObjectReader(env: NodeJS.ProcessEnv = process.env): ObjectReader {
  const endpoint = env['AWS_ENDPOINT_URL_S3'] ?? env['AWS_ENDPOINT_URL'];
  const client = new S3Client({ forcePathStyle: endpoint !== undefined && endpoint !== '' });
  return async (bucket, key) => {
    const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (response.Body === undefined) throw new Error(`s3://${bucket}/${key}: GetObject returned no body`);
    return response.Body.transformToString('utf8');
  };
}
