import type { PolicyDocument } from '../core/authorizer';
import type { TargetKind } from './arns';
import type { TargetInputSpec } from './input-transform';
import type { CompiledPattern } from './pattern/types';
import type { ResolvedRetryPolicy } from './retry-policy';

export type RuleState = 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';
export const RULE_STATES: readonly RuleState[] = ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'];

export interface TargetRecord {
  readonly id: string;
  readonly arn: string;
  readonly kind: TargetKind;
  readonly roleArn?: string;
  readonly input: TargetInputSpec;
  readonly retryPolicy: ResolvedRetryPolicy;
  readonly deadLetterArn?: string;
  /** The target as PutTargets received it, returned by ListTargetsByRule. */
  readonly wire: Readonly<Record<string, unknown>>;
}

export interface RuleRecord {
  readonly name: string;
  readonly arn: string;
  readonly busName: string;
  readonly eventPattern: string;
  readonly pattern: CompiledPattern;
  state: RuleState;
  readonly description?: string;
  readonly roleArn?: string;
  readonly tags: Map<string, string>;
  /** In the order PutTargets added them. */
  readonly targets: Map<string, TargetRecord>;
}

export interface BusRecord {
  readonly name: string;
  readonly arn: string;
  readonly description?: string;
  policy?: PolicyDocument;
  readonly creationTime: Date;
  lastModifiedTime: Date;
  readonly tags: Map<string, string>;
  readonly rules: Map<string, RuleRecord>;
}

export interface PutRuleRequest {
  readonly name: string;
  readonly busName: string;
  readonly eventPattern: string;
  readonly pattern: CompiledPattern;
  readonly state: RuleState;
  readonly description?: string;
  readonly roleArn?: string;
  readonly tags: ReadonlyArray<readonly [string, string]>;
}

/** A PutPermission statement given by its parts rather than as a whole policy. */
export interface PermissionStatement {
  readonly statementId: string;
  readonly principal: string;
  readonly condition?: { readonly Type: string; readonly Key: string; readonly Value: string };
}
