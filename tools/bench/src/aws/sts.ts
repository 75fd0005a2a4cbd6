/**
 * STS GetCallerIdentity, the check that credentials exist and are accepted before anything runs.
 * The SDK's STS client is not among the installed packages, so this signs the one query request
 * itself (SigV4, the algorithm every AWS endpoint and the local cloud verify); the credentials
 * come from the SDK's own default chain, exactly as the other clients get them.
 */
import { createHash, createHmac } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import type { StaticCredentials } from './clients';

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

/**
 * An STS answer other than success: `rejected` when STS refused the request with an error code
 * (InvalidClientTokenId, ExpiredToken, …), `unreadable` when what answered is not STS.
 */
export class StsError extends Error {
  override readonly name = 'StsError';
  constructor(
    readonly kind: 'rejected' | 'unreadable',
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const BODY = 'Action=GetCallerIdentity&Version=2011-06-15';
const CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: Buffer | string, text: string): Buffer => createHmac('sha256', key).update(text, 'utf8').digest();

/** The STS endpoint the SDK would use: the explicit one, AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, else the regional one. */
export function stsEndpoint(region: string, endpoint: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return endpoint ?? env['AWS_ENDPOINT_URL_STS'] ?? env['AWS_ENDPOINT_URL'] ?? `https://sts.${region}.amazonaws.com`;
}

/** SigV4 headers for the GetCallerIdentity POST (service `sts`). */
export function signedHeaders(url: URL, region: string, credentials: StaticCredentials, now: Date): Record<string, string> {
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = { 'content-type': CONTENT_TYPE, host: url.host, 'x-amz-date': amzDate };
  if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
  const names = Object.keys(headers).sort();
  const canonical = ['POST', url.pathname || '/', '', ...names.map((n) => `${n}:${headers[n]}`), '', names.join(';'), sha256(BODY)].join('\n');
  const scope = `${day}/${region}/sts/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = ['sts', 'aws4_request'].reduce<Buffer>((k, part) => hmac(k, part), hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), region));
  const signature = createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
  const { host: _host, ...sent } = headers;
  return { ...sent, authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}` };
}

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false });

export async function getCallerIdentity(props: { region: string; endpoint: string; credentials: StaticCredentials }): Promise<CallerIdentity> {
  const url = new URL(props.endpoint);
  const response = await fetch(url, { method: 'POST', headers: signedHeaders(url, props.region, props.credentials, new Date()), body: BODY });
  const text = await response.text();
  const unreadable = () => new StsError('unreadable', `HTTP${response.status}`, `HTTP ${response.status}: ${text.slice(0, 200)}`);
  let doc: Record<string, unknown>;
  try {
    doc = text.trimStart().startsWith('<') ? (parser.parse(text) as Record<string, unknown>) : {};
  } catch {
    throw unreadable();
  }
  if (!response.ok) {
    const error = (doc['ErrorResponse'] as { Error?: Record<string, unknown> } | undefined)?.Error;
    if (typeof error?.['Code'] !== 'string') throw unreadable();
    throw new StsError('rejected', error['Code'], String(error['Message'] ?? ''));
  }
  const result = ((doc['GetCallerIdentityResponse'] as Record<string, unknown> | undefined)?.['GetCallerIdentityResult'] ?? {}) as Record<string, unknown>;
  if (typeof result['Account'] !== 'string' && typeof result['Arn'] !== 'string') throw unreadable();
  return { account: String(result['Account'] ?? ''), arn: String(result['Arn'] ?? ''), userId: String(result['UserId'] ?? '') };
}
