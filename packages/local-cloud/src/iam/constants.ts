/** IAM quotas, evaluator settings and the per-service failures of role assumption, in one place. */

/** IAM's object quotas (AWS defaults; sizes in non-whitespace characters, as IAM counts them). */
export interface IamLimits {
  /** A role's trust policy (`ACLSizePerRole`). */
  readonly trustPolicyChars: number;
  /** All inline policies of one role together. */
  readonly rolePolicyChars: number;
  /** One customer managed policy. */
  readonly managedPolicyChars: number;
  /** Managed policies attached to one role (`PoliciesPerRole`). */
  readonly managedPoliciesPerRole: number;
  readonly roleNameChars: number;
  readonly policyNameChars: number;
}

export const IAM_LIMITS: IamLimits = {
  trustPolicyChars: 2_048,
  rolePolicyChars: 10_240,
  managedPolicyChars: 6_144,
  managedPoliciesPerRole: 10,
  roleNameChars: 64,
  policyNameChars: 128,
};

/** Decisions kept for reuse; the oldest is dropped first once full. */
export const DECISION_CACHE_ENTRIES = 50_000;

/** Distinct resource policy documents kept parsed and validated. */
export const RESOURCE_POLICY_CACHE_ENTRIES = 1_000;

/** Denials kept one by one; beyond this they are still counted and summarised. */
export const DENIAL_LOG_ENTRIES = 10_000;

/**
 * Services whose actions the catalog knows by default: every service the local cloud speaks,
 * plus those its patterns' policies name (STS, IAM, KMS, CloudWatch).
 */
export const CATALOG_SERVICES: readonly string[] = ['states', 'lambda', 'events', 'sqs', 's3', 'logs', 'xray', 'sts', 'iam', 'kms', 'cloudwatch'];

/**
 * What an action without resource-level permissions is evaluated against. IAM matches such a
 * request only with `"Resource": "*"`; the simulator's synchronous entry point would instead treat
 * a request on `*` as "any resource" (so a statement naming one ARN would match), hence a request
 * resource that no ARN pattern matches and `*` does.
 */
export const RESOURCELESS_REQUEST = 'resourceless-action';

/** Services that also accept their regional principal (`states.eu-west-1.amazonaws.com`) in a trust policy. */
export const REGIONAL_PRINCIPAL_SERVICES: ReadonlySet<string> = new Set(['states']);

/** How a service reports that it cannot assume a role, when AWS documents its own wording. */
export interface AssumeRoleFailure {
  readonly code: string;
  readonly message: string;
  readonly status: number;
}

export const ASSUME_ROLE_FAILURES: Readonly<Record<string, AssumeRoleFailure>> = {
  'lambda.amazonaws.com': { code: 'InvalidParameterValueException', message: 'The role defined for the function cannot be assumed by Lambda.', status: 400 },
  'states.amazonaws.com': {
    code: 'AccessDeniedException',
    message: 'Neither the global service principal states.amazonaws.com, nor the regional one is authorized to assume the provided role.',
    status: 400,
  },
};
