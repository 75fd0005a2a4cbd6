/**
 * What a Distributed Map's state machine role needs, as AWS documents it ("IAM policies for using
 * Distributed Map states"; ItemReader, ResultWriter): start child executions of its own machine,
 * describe, stop and redrive them, read its items, write its results; and invoke its functions.
 */
import { invokeFunctionsStatement, type PolicyStatement } from './iam';

export interface DistributedMapStatementsProps {
  /** `arn:<partition>:states:<region>:<account>:stateMachine:<name>`, as the trust policy states it. */
  readonly ownArn: string;
  /** The Distributed Maps' labels: their child executions are `execution:<name>/<label>:<id>`. */
  readonly mapRunLabels: readonly string[];
  readonly functionArns: string[];
  /** `arn:…:s3:::<bucket>/inputs/*`. */
  readonly itemsObjects: string;
  /** `arn:…:s3:::<bucket>/results/*`. */
  readonly resultObjects: string;
}

/** `…:stateMachine:<name>` → `…:execution:<name>`. */
const executionsOf = (machineArn: string) => machineArn.replace(':stateMachine:', ':execution:');

export function readObjectsStatement(sid: string, objectArns: string[]): PolicyStatement {
  return { Sid: sid, Effect: 'Allow', Action: ['s3:GetObject'], Resource: objectArns };
}

export function distributedMapStatements(props: DistributedMapStatementsProps): PolicyStatement[] {
  const executions = executionsOf(props.ownArn);
  const children = props.mapRunLabels.map((label) => `${executions}/${label}:*`);
  return [
    invokeFunctionsStatement(props.functionArns),
    // A Distributed Map starts its children on its own state machine.
    { Sid: 'StartOwnChildExecutions', Effect: 'Allow', Action: ['states:StartExecution'], Resource: [props.ownArn] },
    // Standard children are described and, when the Map Run fails or is aborted, stopped; the
    // machine's own executions are described too (AWS's policy for Distributed Map).
    { Sid: 'ManageOwnChildExecutions', Effect: 'Allow', Action: ['states:DescribeExecution', 'states:StopExecution'], Resource: [`${executions}:*`, ...children] },
    // Redriving the parent redrives its Map Run's unsuccessful children.
    { Sid: 'RedriveOwnMapRuns', Effect: 'Allow', Action: ['states:RedriveExecution'], Resource: children },
    readObjectsStatement('ReadItems', [props.itemsObjects]),
    { Sid: 'WriteResults', Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'], Resource: [props.resultObjects] },
  ];
}
