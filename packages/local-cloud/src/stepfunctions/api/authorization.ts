import type { Authorizer } from '../../core/authorizer';
import type { Caller } from '../../core/caller';
import type { StepFunctionsEngine } from '../engine/engine';
import type { Body } from './wire';

/** Which body members name the resource an operation acts on (IAM's resource for `states:<Operation>`), the first one given. */
const RESOURCE_MEMBER: Readonly<Record<string, string | readonly string[]>> = {
  DescribeStateMachine: 'stateMachineArn',
  UpdateStateMachine: 'stateMachineArn',
  DeleteStateMachine: 'stateMachineArn',
  StartExecution: 'stateMachineArn',
  ListExecutions: ['stateMachineArn', 'mapRunArn'],
  DescribeMapRun: 'mapRunArn',
  UpdateMapRun: 'mapRunArn',
  ListMapRuns: 'executionArn',
  DescribeExecution: 'executionArn',
  StopExecution: 'executionArn',
  GetExecutionHistory: 'executionArn',
  DescribeStateMachineForExecution: 'executionArn',
  TagResource: 'resourceArn',
  UntagResource: 'resourceArn',
  ListTagsForResource: 'resourceArn',
};

/**
 * Authorizes one API call as IAM would: `states:<Operation>` on the state machine or execution it
 * names, `*` for the actions IAM gives no resource (ListStateMachines, SendTask*, Validate…).
 * CreateStateMachine also checks that Step Functions may assume the role it is given.
 */
export function authorizeOperation(engine: StepFunctionsEngine, authorizer: Authorizer, operation: string, body: Body, caller: Caller): void {
  if (operation === 'CreateStateMachine') {
    const name = String(body['name'] ?? '');
    const arn = `arn:aws:states:${engine.region}:${engine.accountId}:stateMachine:${name}`;
    authorizer.authorize({ caller, action: 'states:CreateStateMachine', resource: arn });
    const roleArn = body['roleArn'];
    if (typeof roleArn === 'string') authorizer.assumeRole?.(roleArn, { service: 'states.amazonaws.com', sourceArn: arn, sourceAccount: engine.accountId });
    return;
  }
  const members = RESOURCE_MEMBER[operation] ?? [];
  const value = (typeof members === 'string' ? [members] : members).map((m) => body[m]).find((v) => v !== undefined && v !== null);
  authorizer.authorize({ caller, action: `states:${operation}`, resource: typeof value === 'string' && value !== '' ? value : '*' });
}
