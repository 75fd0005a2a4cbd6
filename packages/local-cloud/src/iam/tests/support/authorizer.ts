/** Authorizers for tests over one shared action catalog (loading it is the slow part). */
import { AccessDeniedError } from '../../../core/aws-error';
import type { AuthorizationRequest } from '../../../core/authorizer';
import { ActionCatalog } from '../../action-catalog';
import { IamAuthorizer, type IamAuthorizerProps } from '../../iam-authorizer';
import { RoleRegistry } from '../../role-registry';
import { ACCOUNT, REGION } from './names';

let catalog: Promise<ActionCatalog> | undefined;

/** A settable clock in AWS time. */
export class TestClock {
  constructor(public nowMs = Date.parse('2026-01-15T12:00:00Z')) {}
  now(): number {
    return this.nowMs;
  }
}

export async function testAuthorizer(props: Partial<Omit<IamAuthorizerProps, 'catalog'>> = {}): Promise<IamAuthorizer> {
  catalog ??= ActionCatalog.load();
  return new IamAuthorizer({ registry: new RoleRegistry({ accountId: ACCOUNT }), clock: new TestClock(), region: REGION, ...props, catalog: await catalog });
}

/** 'Allowed', or 'Denied: <message>' when the authorizer throws AccessDeniedError. */
export function outcome(iam: IamAuthorizer, request: AuthorizationRequest): string {
  try {
    iam.authorize(request);
    return 'Allowed';
  } catch (e) {
    if (e instanceof AccessDeniedError) return `Denied: ${e.message}`;
    throw e;
  }
}

/** Just the verdict, for tables of cases. */
export function verdict(iam: IamAuthorizer, request: AuthorizationRequest): 'Allowed' | 'Denied' {
  return outcome(iam, request) === 'Allowed' ? 'Allowed' : 'Denied';
}
