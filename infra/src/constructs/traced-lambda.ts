import { Construct } from 'constructs';
import { AssetType, TerraformAsset } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LAMBDA_ARCHITECTURE, LAMBDA_HANDLER, LAMBDA_RUNTIME } from '../constants';
import { XRAY_WRITE_STATEMENT, assumeRolePolicy, policyDocument, type PolicyStatement } from '../iam';

export interface TracedLambdaProps {
  readonly functionName: string;
  /** IAM is global: the stacks give a name that carries the region too (naming.ts). */
  readonly roleName: string;
  /** A built bundle folder holding `index.js` (zipped as the function's code). */
  readonly bundleDir: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly logRetentionDays: number;
  readonly environment?: Record<string, string>;
  /** Concurrent executions reserved for (and capping) this function; unreserved when absent. */
  readonly reservedConcurrency?: number;
}

/**
 * A Node.js Lambda with active X-Ray tracing, its own log group (with retention) and a role that
 * may write only to that log group and to X-Ray; more permissions through `addPolicy`.
 */
export class TracedLambda extends Construct {
  readonly function: LambdaFunction;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: TracedLambdaProps) {
    super(scope, id);
    const asset = new TerraformAsset(this, 'bundle', { path: props.bundleDir, type: AssetType.ARCHIVE });
    this.logGroup = new CloudwatchLogGroup(this, 'logs', { name: `/aws/lambda/${props.functionName}`, retentionInDays: props.logRetentionDays });
    this.role = new IamRole(this, 'role', { name: props.roleName, assumeRolePolicy: assumeRolePolicy('lambda.amazonaws.com') });
    this.addPolicy('base', [
      // Its own log group only (no CreateLogGroup: the group exists before the function).
      { Sid: 'OwnLogGroup', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: [`${this.logGroup.arn}:*`] },
      XRAY_WRITE_STATEMENT,
    ]);
    this.function = new LambdaFunction(this, 'function', {
      functionName: props.functionName,
      filename: asset.path,
      sourceCodeHash: asset.assetHash,
      handler: LAMBDA_HANDLER,
      runtime: LAMBDA_RUNTIME,
      architectures: [LAMBDA_ARCHITECTURE],
      memorySize: props.memoryMb,
      timeout: props.timeoutSeconds,
      role: this.role.arn,
      tracingConfig: { mode: 'Active' },
      loggingConfig: { logFormat: 'JSON', logGroup: this.logGroup.name },
      ...(props.environment === undefined ? {} : { environment: { variables: props.environment } }),
      ...(props.reservedConcurrency === undefined ? {} : { reservedConcurrentExecutions: props.reservedConcurrency }),
      dependsOn: [this.logGroup],
    });
  }

  /** An inline policy on the function's role (one per concern, so each is readable on its own). */
  addPolicy(name: string, statements: PolicyStatement[]): IamRolePolicy {
    return new IamRolePolicy(this, `policy-${name}`, { name, role: this.role.id, policy: policyDocument(statements) });
  }
}
