import type { PermissionStatement } from './deployed-function';
import { invalidParameter, lambdaError } from './errors';

/** AddPermission's request members → the statement Lambda adds to the function's policy. */
export function permissionStatement(input: Record<string, unknown>, functionArn: string): PermissionStatement {
  const sid = input['StatementId'];
  const action = input['Action'];
  const principal = input['Principal'];
  if (typeof sid !== 'string' || !/^[a-zA-Z0-9-_]{1,100}$/.test(sid)) throw invalidParameter(`StatementId must be 1-100 letters, digits, hyphens or underscores, got ${JSON.stringify(sid)}`);
  if (typeof action !== 'string' || !/^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/.test(action)) throw invalidParameter(`Action must be lambda:<Action> or lambda:*, got ${JSON.stringify(action)}`);
  if (typeof principal !== 'string' || principal === '') throw invalidParameter('Principal is required');
  const statement: PermissionStatement = {
    Sid: sid,
    Effect: 'Allow',
    Principal: principalOf(principal),
    Action: action,
    Resource: functionArn,
  };
  const condition: Record<string, Record<string, string>> = {};
  const sourceArn = input['SourceArn'];
  const sourceAccount = input['SourceAccount'];
  const org = input['PrincipalOrgID'];
  if (typeof sourceArn === 'string') condition['ArnLike'] = { 'AWS:SourceArn': sourceArn };
  if (typeof sourceAccount === 'string') condition['StringEquals'] = { 'AWS:SourceAccount': sourceAccount };
  if (typeof org === 'string') condition['StringEquals'] = { ...condition['StringEquals'], 'aws:PrincipalOrgID': org };
  if (Object.keys(condition).length > 0) statement.Condition = condition;
  return statement;
}

function principalOf(principal: string): PermissionStatement['Principal'] {
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (principal.startsWith('arn:')) return { AWS: principal };
  if (principal === '*') return { AWS: '*' };
  return { Service: principal };
}

export function addStatement(policy: PermissionStatement[], statement: PermissionStatement): void {
  if (policy.some((s) => s.Sid === statement.Sid)) {
    throw lambdaError('ResourceConflictException', `The statement id (${statement.Sid}) provided already exists. Please provide a new statement id, or remove the existing statement.`);
  }
  policy.push(statement);
}

export function removeStatement(policy: PermissionStatement[], sid: string): void {
  if (policy.length === 0) throw lambdaError('ResourceNotFoundException', 'No policy is associated with the given resource.');
  const i = policy.findIndex((s) => s.Sid === sid);
  if (i < 0) throw lambdaError('ResourceNotFoundException', `Statement ${sid} is not found in resource policy.`);
  policy.splice(i, 1);
}
