import type { IncomingHttpHeaders } from 'node:http';

export interface SigningInfo {
  accessKeyId?: string;
  region?: string;
  service?: string;
}

const CREDENTIAL_RE = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

/**
 * Who signed a request and for which region and service, read from the SigV4 `Authorization`
 * header or a presigned URL's `X-Amz-Credential`. Signatures are not verified: the local cloud
 * has no secrets to check them against beyond the keys it issued itself.
 */
export function signingInfo(headers: IncomingHttpHeaders, query: URLSearchParams): SigningInfo {
  const auth = headers['authorization'];
  const m = typeof auth === 'string' ? CREDENTIAL_RE.exec(auth) : null;
  if (m) return { accessKeyId: m[1] as string, region: m[2] as string, service: m[3] as string };
  const presigned = query.get('X-Amz-Credential');
  if (presigned) {
    const [accessKeyId, , region, service] = presigned.split('/');
    return { ...(accessKeyId ? { accessKeyId } : {}), ...(region ? { region } : {}), ...(service ? { service } : {}) };
  }
  return {};
}
