import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import type { StateMachineDefinition } from '@fanout/asl-types';
import { SFN_LOG_DELIVERY_STATEMENT, XRAY_WRITE_STATEMENT, assumeRolePolicy, confusedDeputyCondition, policyDocument, type PolicyStatement } from '../iam';

export interface TracedStateMachineProps {
  readonly name: string;
  /** IAM is global: the stacks give a name that carries the region too (naming.ts). */
  readonly roleName: string;
  /**
   * Where this machine will live, for its role's trust policy: Step Functions may assume the role
   * only for this state machine (its versions and aliases too) in this account.
   */
  readonly arnContext: { readonly partition: string; readonly region: string; readonly accountId: string };
  readonly definition: StateMachineDefinition;
  readonly logRetentionDays: number;
  /**
   * What the tasks need (invoke these functions, put on this bus); logging and X-Ray are added. A
   * function is given the machine's own ARN as the trust policy states it (a Distributed Map
   * starts its children on its own machine).
   */
  readonly taskStatements: PolicyStatement[] | ((ownArn: string) => PolicyStatement[]);
}

/** A Standard state machine with X-Ray tracing, logging ALL (with execution data) to its own log group, and its role. */
export class TracedStateMachine extends Construct {
  readonly stateMachine: SfnStateMachine;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;
  /** The machine's ARN as its trust policy states it. */
  readonly arn: string;

  constructor(scope: Construct, id: string, props: TracedStateMachineProps) {
    super(scope, id);
    // The /aws/vendedlogs/ prefix keeps CloudWatch's log-delivery resource policy small.
    this.logGroup = new CloudwatchLogGroup(this, 'logs', { name: `/aws/vendedlogs/states/${props.name}`, retentionInDays: props.logRetentionDays });
    // Built, not referenced: the machine's ARN attribute depends on this role, so it cannot be used here.
    const { partition, region, accountId } = props.arnContext;
    this.arn = `arn:${partition}:states:${region}:${accountId}:stateMachine:${props.name}`;
    const trust = confusedDeputyCondition([this.arn, `${this.arn}:*`], accountId);
    this.role = new IamRole(this, 'role', { name: props.roleName, assumeRolePolicy: assumeRolePolicy('states.amazonaws.com', trust) });
    const policy = new IamRolePolicy(this, 'policy', {
      name: 'tasks-logging-tracing',
      role: this.role.id,
      policy: policyDocument([...(typeof props.taskStatements === 'function' ? props.taskStatements(this.arn) : props.taskStatements), SFN_LOG_DELIVERY_STATEMENT, XRAY_WRITE_STATEMENT]),
    });
    this.stateMachine = new SfnStateMachine(this, 'state-machine', {
      name: props.name,
      type: 'STANDARD',
      roleArn: this.role.arn,
      definition: JSON.stringify(props.definition),
      loggingConfiguration: { level: 'ALL', includeExecutionData: true, logDestination: `${this.logGroup.arn}:*` },
      tracingConfiguration: { enabled: true },
      // The role must hold its permissions before Step Functions validates logging and tasks.
      dependsOn: [policy],
    });
  }
}
