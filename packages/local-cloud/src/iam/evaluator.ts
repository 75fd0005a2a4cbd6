/**
 * One authorization decision by @cloud-copilot/iam-simulate, AWS's evaluation logic for a
 * request (explicit deny first; same-account identity or resource grants; cross-account needs
 * both), and the policy type AWS names when it refuses.
 */
import { runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import type { LoadedPolicy } from './policy-document';

/** Why a request was refused, as AWS words it: "because no <type> policy allows" / "with an explicit deny in a <type> policy". */
export type DenialReason = 'NoIdentityAllow' | 'NoResourceAllow' | 'IdentityDeny' | 'ResourceDeny';

export type Verdict =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly reason: DenialReason;
      /** The managed policy holding the explicit deny, which AWS names (inline policies have no ARN). */
      readonly policyArn?: string;
    };

export interface Evaluation {
  /** A role session's ARN or a service principal's name. */
  readonly principal: string;
  readonly principalIsService: boolean;
  readonly action: string;
  /** The resource as IAM matches it (resource-less actions already replaced by the catalog's placeholder). */
  readonly resource: string;
  readonly resourceAccount: string;
  readonly identityPolicies: readonly LoadedPolicy[];
  readonly resourcePolicy?: LoadedPolicy | undefined;
  readonly context: Readonly<Record<string, string>>;
}

const ALLOWED: Verdict = { allowed: true };

export function evaluate(e: Evaluation): Verdict {
  const overall = simulate(e, e.identityPolicies, e.resourcePolicy);
  if (overall === 'Allowed') return ALLOWED;
  // Which policy type refused is found by evaluating the identity side alone: extra work, on denials only.
  const identityOnly = e.principalIsService ? 'ImplicitlyDenied' : simulate(e, e.identityPolicies, undefined);
  if (overall === 'ExplicitlyDenied') {
    if (identityOnly !== 'ExplicitlyDenied') return { allowed: false, reason: 'ResourceDeny' };
    const managed = e.identityPolicies.find((p) => p.arn !== undefined && simulate(e, [p], undefined) === 'ExplicitlyDenied');
    return { allowed: false, reason: 'IdentityDeny', ...(managed?.arn === undefined ? {} : { policyArn: managed.arn }) };
  }
  // A role its identity policies allow is refused only across accounts, by the resource's side.
  return { allowed: false, reason: e.principalIsService || identityOnly === 'Allowed' ? 'NoResourceAllow' : 'NoIdentityAllow' };
}

function simulate(e: Evaluation, identityPolicies: readonly LoadedPolicy[], resourcePolicy: LoadedPolicy | undefined) {
  return runUnsafeSimulation(
    {
      request: { principal: e.principal, action: e.action, resource: { resource: e.resource, accountId: e.resourceAccount }, contextVariables: e.context },
      identityPolicies: identityPolicies.map((p) => ({ name: p.name, policy: p.validated })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      // Passed validated (with its name): the synchronous entry point cannot name a raw resource policy.
      ...(resourcePolicy === undefined ? {} : { resourcePolicy: resourcePolicy.validated }),
    },
    {},
  );
}

/** AWS's access-denied wording; a resource of `*` (actions without resource-level permissions) is left out, as AWS does. */
export function denialMessage(principal: string, action: string, resource: string, verdict: Exclude<Verdict, { allowed: true }>): string {
  const on = resource === '*' ? '' : ` on resource: ${resource}`;
  const why = {
    NoIdentityAllow: `because no identity-based policy allows the ${action} action`,
    NoResourceAllow: `because no resource-based policy allows the ${action} action`,
    IdentityDeny: `with an explicit deny in an identity-based policy${verdict.policyArn === undefined ? '' : `: ${verdict.policyArn}`}`,
    ResourceDeny: 'with an explicit deny in a resource-based policy',
  }[verdict.reason];
  return `User: ${principal} is not authorized to perform: ${action}${on} ${why}`;
}
