/** Policy documents as the evaluator holds them: parsed once, validated once, measured as IAM measures them. */
import { createValidatedPolicy, validateIdentityPolicy, validateResourcePolicy, validateTrustPolicy, type ValidatedPolicy, type ValidationError } from '@cloud-copilot/iam-policy';
import { MalformedPolicyDocumentError } from './errors';

/** A policy as Terraform holds it (JSON text) or already parsed. */
export type PolicyInput = string | Readonly<Record<string, unknown>>;

/** identity: a role's inline or managed policy; trust: a role's assume-role policy; resource: a queue, function, bucket or bus policy. */
export type PolicyKind = 'identity' | 'trust' | 'resource';

export interface LoadedPolicy {
  readonly name: string;
  /** A managed policy's ARN (named in explicit-deny messages); inline and resource policies have none. */
  readonly arn?: string;
  readonly document: Readonly<Record<string, unknown>>;
  /** The document with its (empty) validation result, as the simulator takes it without validating again. */
  readonly validated: ValidatedPolicy<{ name: string }>;
  /** Non-whitespace characters: what IAM's size quotas count. */
  readonly size: number;
  /** Whether a condition reads the time, so that a decision cannot be reused later. */
  readonly timeSensitive: boolean;
}

const VALIDATORS: Record<PolicyKind, (policy: unknown) => ValidationError[]> = {
  identity: validateIdentityPolicy,
  trust: validateTrustPolicy,
  resource: validateResourcePolicy,
};

const TIME_KEYS = /aws:(currenttime|epochtime)/i;

/** Parses and validates a policy; MalformedPolicyDocument names the policy and every problem with its path. */
export function loadPolicy(input: PolicyInput, kind: PolicyKind, name: string, arn?: string): LoadedPolicy {
  const text = typeof input === 'string' ? input : JSON.stringify(input);
  const document = typeof input === 'string' ? parseJson(input, name) : input;
  const errors = [...VALIDATORS[kind](document), ...(kind === 'resource' ? principalErrors(document) : [])];
  if (errors.length > 0) {
    throw new MalformedPolicyDocumentError(`Policy ${name} is malformed: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  }
  return {
    name,
    ...(arn === undefined ? {} : { arn }),
    document,
    validated: createValidatedPolicy(document, () => [], { name }),
    size: text.replace(/\s+/g, '').length,
    timeSensitive: TIME_KEYS.test(text),
  };
}

function parseJson(text: string, name: string): Readonly<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new MalformedPolicyDocumentError(`Policy ${name} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new MalformedPolicyDocumentError(`Policy ${name} must be a JSON object, got ${Array.isArray(parsed) ? 'an array' : typeof parsed}`);
  }
  return parsed as Record<string, unknown>;
}

/**
 * Resource policies name who they apply to: SQS, S3, Lambda and EventBridge reject a statement
 * without Principal, while the library's generic resource-policy check does not.
 */
function principalErrors(document: Readonly<Record<string, unknown>>): ValidationError[] {
  const statements = [document['Statement']].flat();
  return statements.flatMap((statement, i) =>
    typeof statement === 'object' && statement !== null && !('Principal' in statement) && !('NotPrincipal' in statement)
      ? [{ path: `Statement[${i}]`, message: 'One of Principal or NotPrincipal is required in a resource policy statement' }]
      : [],
  );
}
