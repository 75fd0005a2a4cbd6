import type { PolicyDocument } from '../../core/authorizer';
import { S3_LIMITS } from '../limits';
import { S3Error } from '../s3-error';

const malformedPolicy = (message: string): S3Error => new S3Error('MalformedPolicy', message, 400);

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function checkResource(resource: unknown, bucket: string, sid: string): void {
  if (typeof resource !== 'string') throw malformedPolicy(`Policy has invalid resource (statement ${sid}: not a string)`);
  const base = `arn:aws:s3:::${bucket}`;
  if (resource !== base && !resource.startsWith(`${base}/`)) {
    throw malformedPolicy(`Policy has invalid resource (statement ${sid}: '${resource}' is not bucket ${bucket} or an object in it)`);
  }
}

/**
 * S3's checks on a PutBucketPolicy: JSON object, known version, every statement with an effect,
 * a principal, actions in `s3:` and resources inside this bucket. Returns the parsed document for
 * the authorizer. Evaluating it is the authorizer's job, not this service's.
 */
export function parseBucketPolicy(text: string, bucket: string): PolicyDocument {
  if (Buffer.byteLength(text) > S3_LIMITS.maxPolicyBytes) {
    throw malformedPolicy(`Policy exceeds the maximum allowed document size (${Buffer.byteLength(text)} bytes, limit ${S3_LIMITS.maxPolicyBytes})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    doc = undefined;
  }
  if (!text.trimStart().startsWith('{') || doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
  }
  const policy = doc as Record<string, unknown>;
  if (policy['Version'] !== undefined && policy['Version'] !== '2012-10-17' && policy['Version'] !== '2008-10-17') {
    throw malformedPolicy(`The policy must contain a valid version string (got ${JSON.stringify(policy['Version'])})`);
  }
  const statements = list(policy['Statement']);
  if (statements.length === 0) throw malformedPolicy('Missing required field Statement');
  statements.forEach((raw, i) => {
    const s = (raw ?? {}) as Record<string, unknown>;
    const sid = typeof s['Sid'] === 'string' ? `'${s['Sid']}'` : String(i + 1);
    if (s['Effect'] !== 'Allow' && s['Effect'] !== 'Deny') throw malformedPolicy(`Invalid effect: ${String(s['Effect'])} (statement ${sid})`);
    if (s['Principal'] === undefined && s['NotPrincipal'] === undefined) throw malformedPolicy(`Missing required field Principal (statement ${sid})`);
    const actions = list(s['Action'] ?? s['NotAction']);
    if (actions.length === 0) throw malformedPolicy(`Missing required field Action (statement ${sid})`);
    for (const a of actions) {
      if (typeof a !== 'string' || (a !== '*' && !/^s3:[A-Za-z*?]+$/.test(a))) throw malformedPolicy(`Policy has invalid action (statement ${sid}: ${JSON.stringify(a)})`);
    }
    const resources = list(s['Resource'] ?? s['NotResource']);
    if (resources.length === 0) throw malformedPolicy(`Missing required field Resource (statement ${sid})`);
    for (const r of resources) checkResource(r, bucket, sid);
  });
  return policy as PolicyDocument;
}

/** Condition keys whose fixed values confine a wildcard principal to known callers (S3's "public" test). */
const RESTRICTING_KEYS = [
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceip',
  'aws:principalorgid',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:userid',
  's3:dataaccesspointarn',
  's3:dataaccesspointaccount',
];

function isWildcardPrincipal(p: unknown): boolean {
  if (p === '*') return true;
  if (p && typeof p === 'object') return list((p as Record<string, unknown>)['AWS']).includes('*');
  return false;
}

function restrictsCallers(condition: unknown): boolean {
  if (!condition || typeof condition !== 'object') return false;
  return Object.values(condition as Record<string, unknown>).some(
    (block) => block && typeof block === 'object' && Object.entries(block as Record<string, unknown>).some(([k, v]) => RESTRICTING_KEYS.includes(k.toLowerCase()) && !list(v).some((x) => typeof x === 'string' && x.includes('*'))),
  );
}

/** Whether the policy grants access to everyone, which BlockPublicPolicy refuses. */
export function isPublicPolicy(doc: PolicyDocument): boolean {
  return list(doc.Statement).some((raw) => {
    const s = (raw ?? {}) as Record<string, unknown>;
    return s['Effect'] === 'Allow' && isWildcardPrincipal(s['Principal']) && !restrictsCallers(s['Condition']);
  });
}
