import { createHash } from 'node:crypto';
import type { Caller } from '../core/caller';

/** GetCallerIdentity's answer. */
export interface CallerIdentity {
  readonly Account: string;
  readonly UserId: string;
  readonly Arn: string;
}

const ROLE_ARN_RE = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A stable role id in IAM's shape (`AROA` + 17 characters), derived from the role ARN. */
export function roleId(roleArn: string): string {
  const digest = createHash('sha256').update(roleArn).digest();
  let id = 'AROA';
  for (let i = 0; i < 17; i++) id += ID_ALPHABET[(digest[i] as number) & 31];
  return id;
}

/**
 * Who the caller is, as STS would say: an external caller is the account's root user (the local
 * cloud treats any outside credentials as the administrator), a role caller is an assumed-role
 * session, a service principal is named by itself (it never calls STS, but SQS reports it as SenderId).
 */
export function callerIdentity(caller: Caller, accountId: string): CallerIdentity {
  switch (caller.kind) {
    case 'external':
      return { Account: accountId, UserId: accountId, Arn: `arn:aws:iam::${accountId}:root` };
    case 'role': {
      const m = ROLE_ARN_RE.exec(caller.roleArn);
      const account = m?.[1] ?? accountId;
      const name = m?.[2] ?? caller.roleArn;
      return { Account: account, UserId: `${roleId(caller.roleArn)}:${caller.sessionName}`, Arn: `arn:aws:sts::${account}:assumed-role/${name}/${caller.sessionName}` };
    }
    case 'service':
      return { Account: caller.sourceAccount, UserId: caller.service, Arn: caller.service };
  }
}
