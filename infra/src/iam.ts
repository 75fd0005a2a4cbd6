/** IAM policy documents as typed objects; serialised with JSON.stringify (Terraform references stay inside the strings). */

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: { Service: string } | { AWS: string } | '*';
  Action: string[];
  Resource?: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export function policyDocument(statements: PolicyStatement[]): string {
  const doc: PolicyDocument = { Version: '2012-10-17', Statement: statements };
  return JSON.stringify(doc);
}

/** A role's trust policy for an AWS service, with the confused-deputy conditions when given. */
export function assumeRolePolicy(service: 'lambda.amazonaws.com' | 'states.amazonaws.com', condition?: PolicyStatement['Condition']): string {
  return policyDocument([{ Effect: 'Allow', Principal: { Service: service }, Action: ['sts:AssumeRole'], ...(condition === undefined ? {} : { Condition: condition }) }]);
}

/**
 * Only this source may make the service act: `aws:SourceArn` matches one of `sourceArns`
 * (ArnLike, so a pattern may end in `*`) and `aws:SourceAccount` is the account's.
 */
export function confusedDeputyCondition(sourceArns: string[], accountId: string): NonNullable<PolicyStatement['Condition']> {
  return { ArnLike: { 'aws:SourceArn': sourceArns }, StringEquals: { 'aws:SourceAccount': accountId } };
}

/** Resource-policy statement refusing every request to `resourceArn` that does not come over TLS. */
export function denyInsecureTransport(actions: string[], resourceArn: string): PolicyStatement {
  return { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: actions, Resource: [resourceArn], Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
}

/** Resource-policy statement refusing `actions` to every principal but the role `roleArn`. */
export function denyAllButRole(sid: string, actions: string[], resourceArn: string, roleArn: string): PolicyStatement {
  return { Sid: sid, Effect: 'Deny', Principal: '*', Action: actions, Resource: [resourceArn], Condition: { ArnNotEquals: { 'aws:PrincipalArn': roleArn } } };
}

/** X-Ray write access; these actions have no resource-level permissions, so `*` is what AWS requires. */
export const XRAY_WRITE_STATEMENT: PolicyStatement = {
  Sid: 'XRayWrite',
  Effect: 'Allow',
  Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
  Resource: ['*'],
};

/**
 * What Step Functions needs to deliver execution logs to CloudWatch Logs (vended logs); AWS
 * documents these with `*` because log deliveries have no resource-level permissions.
 */
export const SFN_LOG_DELIVERY_STATEMENT: PolicyStatement = {
  Sid: 'LogDelivery',
  Effect: 'Allow',
  Action: [
    'logs:CreateLogDelivery',
    'logs:GetLogDelivery',
    'logs:UpdateLogDelivery',
    'logs:DeleteLogDelivery',
    'logs:ListLogDeliveries',
    'logs:PutResourcePolicy',
    'logs:DescribeResourcePolicies',
    'logs:DescribeLogGroups',
  ],
  Resource: ['*'],
};

/** Invoke one function, its versions and aliases (`arn:…:function:name:*`), nothing else. */
export function invokeFunctionsStatement(functionArns: string[]): PolicyStatement {
  return { Sid: 'InvokeOwnFunctions', Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: functionArns.flatMap((arn) => [arn, `${arn}:*`]) };
}
