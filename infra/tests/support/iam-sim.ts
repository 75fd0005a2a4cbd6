/** Thin wrapper over @cloud-copilot/iam-simulate for identity policies of one principal. */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { ACCOUNT } from './synth';

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied' | `error: ${string}`;

export async function simulate(policies: unknown[], action: string, resource: string, principal = `arn:aws:iam::${ACCOUNT}:role/test`): Promise<Decision> {
  const result = await runSimulation(
    {
      request: { principal, action, resource: { resource, accountId: ACCOUNT }, contextVariables: {} },
      identityPolicies: policies.map((policy, i) => ({ name: `policy-${i}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === 'error') return `error: ${result.errors.message}`;
  return result.overallResult;
}

/** A resource policy (e.g. an SQS queue policy) evaluated for a service principal. */
export async function simulateResourcePolicy(resourcePolicy: unknown, action: string, resource: string, principal: string, contextVariables: Record<string, string>): Promise<Decision> {
  const result = await runSimulation(
    {
      request: { principal, action, resource: { resource, accountId: ACCOUNT }, contextVariables },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy,
    },
    {},
  );
  if (result.resultType === 'error') return `error: ${result.errors.message}`;
  return result.overallResult;
}

/**
 * Simulates `action` on `*`: the simulator then reports which resource patterns of the
 * policies allow it. Only a grant on every resource yields the pattern `*`.
 */
export async function allowedPatterns(policies: unknown[], action: string, principal = `arn:aws:iam::${ACCOUNT}:role/test`): Promise<string[]> {
  const result = await runSimulation(
    {
      request: { principal, action, resource: { resource: '*', accountId: ACCOUNT }, contextVariables: {} },
      identityPolicies: policies.map((policy, i) => ({ name: `policy-${i}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === 'error') throw new Error(result.errors.message);
  if (result.resultType === 'single') return result.overallResult === 'Allowed' ? ['*'] : [];
  return result.results.filter((r) => r.analysis.result === 'Allowed').map((r) => r.resourcePattern);
}

export interface SimulatedRequest {
  principal: string;
  action: string;
  resource: string;
  /** The caller's identity policies (none for a service principal). */
  identityPolicies?: unknown[];
  resourcePolicy?: unknown;
  context?: Record<string, string>;
}

/** One request against identity and resource policies together, with its context (aws:SecureTransport, aws:SourceArn, …). */
export async function simulateRequest(request: SimulatedRequest): Promise<Decision> {
  const result = await runSimulation(
    {
      request: { principal: request.principal, action: request.action, resource: { resource: request.resource, accountId: ACCOUNT }, contextVariables: request.context ?? {} },
      identityPolicies: (request.identityPolicies ?? []).map((policy, i) => ({ name: `policy-${i}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(request.resourcePolicy === undefined ? {} : { resourcePolicy: request.resourcePolicy }),
    },
    {},
  );
  if (result.resultType === 'error') return `error: ${result.errors.message}`;
  return result.overallResult;
}
