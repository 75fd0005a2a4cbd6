/** The ARNs IAM works with: roles, managed policies, assumed-role sessions, and whose account a resource is in. */
import { InvalidInputError } from './errors';

export interface RoleArnParts {
  readonly partition: string;
  readonly accountId: string;
  /** `/` or `/some/path/`. */
  readonly path: string;
  readonly roleName: string;
}

// IAM's character sets: names of alphanumerics and +=,.@_- ; paths of printable ASCII between slashes.
const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role(\/(?:[\x21-\x7e]*\/)?)([\w+=,.@-]{1,64})$/;
const POLICY_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/(?:[\x21-\x7e]*\/)?[\w+=,.@-]{1,128}$/;
const ROLE_NAME = /^[\w+=,.@-]+$/;
const POLICY_NAME = /^[\w+=,.@-]+$/;

export function parseRoleArn(arn: string): RoleArnParts {
  const m = ROLE_ARN.exec(arn);
  if (m === null) throw new InvalidInputError(`Invalid role ARN ${JSON.stringify(arn)}: expected arn:aws:iam::<12-digit account>:role/[path/]<name>`);
  return { partition: m[1] as string, accountId: m[2] as string, path: m[3] as string, roleName: m[4] as string };
}

export function checkPolicyArn(arn: string): void {
  if (!POLICY_ARN.test(arn)) throw new InvalidInputError(`Invalid policy ARN ${JSON.stringify(arn)}: expected arn:aws:iam::<account>:policy/[path/]<name>`);
}

export function checkRoleName(name: string, maxChars: number): void {
  if (name.length === 0 || name.length > maxChars || !ROLE_NAME.test(name)) {
    throw new InvalidInputError(`Invalid role name ${JSON.stringify(name)}: 1 to ${maxChars} characters of letters, digits and +=,.@_-`);
  }
}

export function checkPolicyName(name: string, maxChars: number): void {
  if (name.length === 0 || name.length > maxChars || !POLICY_NAME.test(name)) {
    throw new InvalidInputError(`Invalid policy name ${JSON.stringify(name)}: 1 to ${maxChars} characters of letters, digits and +=,.@_-`);
  }
}

/** The session ARN STS gives a role's session; the role's path is not part of it. */
export function assumedRoleArn(roleArn: string, sessionName: string): string {
  const { partition, accountId, roleName } = parseRoleArn(roleArn);
  return `arn:${partition}:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
}

/** The account that owns a resource: the ARN's account field, or `fallback` where ARNs have none (S3 buckets, `*`). */
export function resourceAccount(resource: string, fallback: string): string {
  const account = resource.startsWith('arn:') ? resource.split(':')[4] : undefined;
  return account !== undefined && /^\d{12}$/.test(account) ? account : fallback;
}
