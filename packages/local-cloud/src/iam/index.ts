import type { Clock } from '../core/clock';
import { ActionCatalog } from './action-catalog';
import type { IamLimits } from './constants';
import { IamAuthorizer, type AuthorizationMode } from './iam-authorizer';
import { RoleRegistry } from './role-registry';

export { ActionCatalog, type ActionInfo } from './action-catalog';
export { assumedRoleArn, parseRoleArn } from './arns';
export { ASSUME_ROLE_FAILURES, IAM_LIMITS, type IamLimits } from './constants';
export { DecisionLog, type DecisionCounts, type DenialRecord, type DenialSummaryEntry, type RefusalReason } from './decision-log';
export * from './errors';
export type { DenialReason } from './evaluator';
export { IamAuthorizer, type AssumeRoleRequest, type AssumedRole, type AuthorizationMode, type IamAuthorizerProps } from './iam-authorizer';
export { loadPolicy, type LoadedPolicy, type PolicyInput, type PolicyKind } from './policy-document';
export { RoleRegistry, type PutRoleProps, type RoleRegistryProps, type RoleView } from './role-registry';
export { registerTerraformIam, type TerraformIamSummary, type TerraformResources } from './terraform-iam';

export interface CreateIamAuthorizerProps {
  readonly clock: Pick<Clock, 'now'>;
  readonly region: string;
  readonly accountId: string;
  readonly mode?: AuthorizationMode;
  readonly secureTransport?: boolean;
  /** Service prefixes whose actions may be authorized (default: every service the local cloud speaks). */
  readonly services?: readonly string[];
  readonly limits?: Partial<IamLimits>;
  readonly cacheEntries?: number;
  readonly denialLogEntries?: number;
}

/** An authorizer over an empty role registry; loading the action catalog is the only asynchronous step. */
export async function createIamAuthorizer(props: CreateIamAuthorizerProps): Promise<IamAuthorizer> {
  const catalog = await ActionCatalog.load(props.services);
  const registry = new RoleRegistry({ accountId: props.accountId, ...(props.limits === undefined ? {} : { limits: props.limits }) });
  return new IamAuthorizer({
    registry,
    catalog,
    clock: props.clock,
    region: props.region,
    ...(props.mode === undefined ? {} : { mode: props.mode }),
    ...(props.secureTransport === undefined ? {} : { secureTransport: props.secureTransport }),
    ...(props.cacheEntries === undefined ? {} : { cacheEntries: props.cacheEntries }),
    ...(props.denialLogEntries === undefined ? {} : { denialLogEntries: props.denialLogEntries }),
  });
}
