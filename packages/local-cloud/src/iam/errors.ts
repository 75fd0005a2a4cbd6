import { AwsError } from '../core/aws-error';
import { ASSUME_ROLE_FAILURES } from './constants';

/** IAM's own API errors, with IAM's codes and statuses, for the role registry's operations. */
export class NoSuchEntityError extends AwsError {
  override readonly name = 'NoSuchEntityError';
  constructor(message: string) {
    super('NoSuchEntity', message, 404);
  }
}

export class MalformedPolicyDocumentError extends AwsError {
  override readonly name = 'MalformedPolicyDocumentError';
  constructor(message: string) {
    super('MalformedPolicyDocument', message, 400);
  }
}

export class LimitExceededError extends AwsError {
  override readonly name = 'LimitExceededError';
  constructor(message: string) {
    super('LimitExceeded', message, 409);
  }
}

export class DeleteConflictError extends AwsError {
  override readonly name = 'DeleteConflictError';
  constructor(message: string) {
    super('DeleteConflict', message, 409);
  }
}

export class InvalidInputError extends AwsError {
  override readonly name = 'InvalidInputError';
  constructor(message: string) {
    super('InvalidInput', message, 400);
  }
}

/**
 * A service could not assume a role: the role does not exist or its trust policy does not let
 * that service (with that source) assume it. Code and message are what the service itself
 * answers on AWS (Lambda's InvalidParameterValueException, …), STS's AccessDenied otherwise.
 */
export class RoleAssumptionError extends AwsError {
  override readonly name = 'RoleAssumptionError';
  constructor(
    readonly roleArn: string,
    readonly service: string,
    readonly reason: 'NoSuchRole' | 'TrustPolicy',
  ) {
    const known = ASSUME_ROLE_FAILURES[service];
    super(
      known?.code ?? 'AccessDenied',
      known?.message ?? `User: ${service} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      known?.status ?? 403,
    );
  }
}

/** A service asked about an action IAM does not have: a bug in the caller, not a denial. */
export class UnknownActionError extends Error {
  override readonly name = 'UnknownActionError';
}

/** A service asked something IAM cannot evaluate (e.g. `*` as the resource of an action that has resource types). */
export class InvalidAuthorizationRequestError extends Error {
  override readonly name = 'InvalidAuthorizationRequestError';
}
