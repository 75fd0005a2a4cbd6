import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import type { StateMachineDefinition } from '@fanout/asl-types';
import { SFN_LOG_DELIVERY_STATEMENT, XRAY_WRITE_STATEMENT, assumeRolePolicy, policyDocument, type PolicyStatement } from '../iam';

export interface TracedStateMachineProps {
  readonly name: string;
  readonly definition: StateMachineDefinition;
  readonly logRetentionDays: number;
  /** What the tasks need (invoke these functions, put on this bus); logging and X-Ray are added. */
  readonly taskStatements: PolicyStatement[];
}

/** A Standard state machine with X-Ray tracing, logging ALL (with execution data) to its own log group, and its role. */
export class TracedStateMachine extends Construct {
  readonly stateMachine: SfnStateMachine;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: TracedStateMachineProps) {
    super(scope, id);
    // The /aws/vendedlogs/ prefix keeps CloudWatch's log-delivery resource policy small.
    this.logGroup = new CloudwatchLogGroup(this, 'logs', { name: `/aws/vendedlogs/states/${props.name}`, retentionInDays: props.logRetentionDays });
    this.role = new IamRole(this, 'role', { name: `${props.name}-sfn-role`, assumeRolePolicy: assumeRolePolicy('states.amazonaws.com') });
    const policy = new IamRolePolicy(this, 'policy', {
      name: 'tasks-logging-tracing',
      role: this.role.id,
      policy: policyDocument([...props.taskStatements, SFN_LOG_DELIVERY_STATEMENT, XRAY_WRITE_STATEMENT]),
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
