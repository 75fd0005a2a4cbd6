import type { Caller } from './caller';

/** A resource-based policy document (Lambda permissions, SQS queue policy, bus policy), as JSON. */
export type PolicyDocument = { Version?: string; Statement: unknown[] | unknown };

export interface AuthorizationRequest {
  readonly caller: Caller;
  /** `service:Action`, e.g. `lambda:InvokeFunction`. */
  readonly action: string;
  readonly resource: string;
  /** The resource's own policy, when it has one (the service that owns the resource passes it). */
  readonly resourcePolicy?: PolicyDocument | undefined;
  /** Extra condition keys (`aws:SourceArn`, …) beyond those the caller implies. */
  readonly context?: Readonly<Record<string, string>> | undefined;
}

/** A service taking on a role for a resource (Lambda for a function, Step Functions for a state machine). */
export interface RoleAssumption {
  /** The service principal, e.g. `lambda.amazonaws.com`. */
  readonly service: string;
  /** The resource it acts for: `aws:SourceArn` in the role's trust policy. */
  readonly sourceArn?: string;
  readonly sourceAccount?: string;
  readonly sessionName?: string;
}

/**
 * Decides whether a call is allowed; throws AccessDeniedError when it is not. Every service asks
 * it before acting for a caller. The default allows everything; `up` installs the evaluator
 * over the deployed stacks' IAM.
 */
export interface Authorizer {
  authorize(request: AuthorizationRequest): void;
  /**
   * Checks the role's trust policy lets the service assume it (throwing the service's own error
   * when not) and returns the caller the service then acts as. Absent: any role may be assumed.
   */
  assumeRole?(roleArn: string, request: RoleAssumption): { readonly caller: Extract<Caller, { kind: 'role' }> };
}

export const ALLOW_ALL: Authorizer = { authorize: () => undefined };
