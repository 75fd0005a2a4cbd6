/** The role registry checks what IAM checks when roles and policies are written, with IAM's error codes. */
import type { AwsError } from '../../core/aws-error';
import { RoleRegistry } from '../role-registry';
import { registerTerraformIam } from '../terraform-iam';
import { ACCOUNT, roleArn } from './support/names';

const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const TRUST = doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' });
const POLICY = doc({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' });
const MANAGED = `arn:aws:iam::${ACCOUNT}:policy/team/send`;

/** `Code: message` of the AwsError `act` throws. */
function rejection(act: () => unknown): string {
  try {
    act();
  } catch (e) {
    return `${(e as AwsError).code}: ${(e as Error).message}`;
  }
  return 'no error';
}

describe('RoleRegistry', () => {
  it('gives a role a unique id that survives replacing it, and a new one when it is created again', () => {
    // prepare
    const roles = new RoleRegistry({ accountId: ACCOUNT });

    // act
    const first = roles.putRole({ roleArn: roleArn('worker'), assumeRolePolicy: TRUST, inlinePolicies: { a: POLICY } });
    const replaced = roles.putRole({ roleArn: roleArn('worker'), assumeRolePolicy: JSON.stringify(TRUST), inlinePolicies: { b: JSON.stringify(POLICY) } });
    roles.deleteRolePolicy('worker', 'b');
    roles.deleteRole(roleArn('worker'));
    const recreated = roles.putRole({ roleArn: roleArn('worker'), assumeRolePolicy: TRUST });

    // assert
    expect(first.roleId).toMatch(/^AROA[0-9A-F]{17}$/);
    expect(replaced).toMatchObject({ roleId: first.roleId, roleName: 'worker', inlinePolicyNames: ['b'] });
    expect(recreated.roleId).not.toBe(first.roleId);
  });

  it('rejects malformed documents, naming the policy and where each problem is', () => {
    // prepare
    const roles = new RoleRegistry({ accountId: ACCOUNT });

    // act
    const results = [
      rejection(() => roles.putRole({ roleArn: roleArn('a'), assumeRolePolicy: '{"Statement": [' })),
      rejection(() => roles.putRole({ roleArn: roleArn('a'), assumeRolePolicy: doc({ Effect: 'Allow', Action: 'sts:AssumeRole' }) })),
      rejection(() => roles.putRole({ roleArn: roleArn('a'), assumeRolePolicy: TRUST, inlinePolicies: { p: doc({ Effect: 'Allow', Principal: '*', Action: 'sqs:*', Resource: '*' }) } })),
      rejection(() => roles.putRole({ roleArn: roleArn('a'), assumeRolePolicy: TRUST, inlinePolicies: { p: doc({ Effect: 'Permit', Action: 'sqs:*', Resource: '*' }) } })),
    ];

    // assert
    expect(results).toEqual([
      expect.stringMatching(/^MalformedPolicyDocument: Policy a \(assume role policy\) is not valid JSON: /),
      'MalformedPolicyDocument: Policy a (assume role policy) is malformed: Statement[0]: One of Principal or NotPrincipal is required in a trust policy',
      'MalformedPolicyDocument: Policy p is malformed: Statement[0].#Principal: Principal is not allowed in an identity policy statement',
      'MalformedPolicyDocument: Policy p is malformed: Statement[0].Effect: Effect must be present and exactly "Allow" or "Deny"',
    ]);
    expect(roles.listRoles()).toEqual([]);
  });

  it("enforces IAM's quotas, configurable", () => {
    // prepare
    const roles = new RoleRegistry({ accountId: ACCOUNT, limits: { managedPoliciesPerRole: 1 } });
    const long = (n: number) => doc({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:${'q'.repeat(n)}` });
    roles.putRole({ roleArn: roleArn('worker'), assumeRolePolicy: TRUST });
    roles.putPolicy(MANAGED, POLICY);
    roles.putPolicy(`${MANAGED}-2`, POLICY);
    roles.attachRolePolicy('worker', MANAGED);

    // act
    const results = [
      rejection(() => roles.updateAssumeRolePolicy('worker', doc(...Array.from({ length: 30 }, () => ({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }))))),
      rejection(() => roles.putRolePolicy('worker', 'big', long(10_240))),
      rejection(() => [1, 2, 3].forEach((i) => roles.putRolePolicy('worker', `p${i}`, long(3_500)))),
      rejection(() => roles.attachRolePolicy('worker', `${MANAGED}-2`)),
      rejection(() => roles.putPolicy(`${MANAGED}-3`, long(6_144))),
      rejection(() => roles.putRole({ roleArn: roleArn('r'.repeat(65)), assumeRolePolicy: TRUST })),
    ];

    // assert
    expect(results).toEqual([
      'LimitExceeded: Cannot exceed quota for ACLSizePerRole: 2048',
      'LimitExceeded: Maximum policy size of 10240 bytes exceeded for role worker',
      'LimitExceeded: Maximum policy size of 10240 bytes exceeded for role worker',
      'LimitExceeded: Cannot exceed quota for PoliciesPerRole: 1 (role worker)',
      'LimitExceeded: Cannot exceed quota for PolicySize: 6144',
      `InvalidInput: Invalid role ARN "${roleArn('r'.repeat(65))}": expected arn:aws:iam::<12-digit account>:role/[path/]<name>`,
    ]);
    expect(roles.getRole('worker')).toMatchObject({ inlinePolicyNames: ['p1', 'p2'], attachedPolicyArns: [MANAGED] });
  });

  it('refuses dangling references and deletions IAM refuses', () => {
    // prepare
    const roles = new RoleRegistry({ accountId: ACCOUNT });
    roles.putRole({ roleArn: roleArn('worker'), assumeRolePolicy: TRUST, inlinePolicies: { p: POLICY } });
    roles.putPolicy(MANAGED, POLICY);
    roles.attachRolePolicy('worker', MANAGED);

    // act
    const results = [
      rejection(() => roles.putRolePolicy('ghost', 'p', POLICY)),
      rejection(() => roles.attachRolePolicy('worker', `arn:aws:iam::${ACCOUNT}:policy/none`)),
      rejection(() => roles.deleteRolePolicy('worker', 'none')),
      rejection(() => roles.deleteRole('worker')),
      rejection(() => roles.deletePolicy(MANAGED)),
      rejection(() => roles.putRole({ roleArn: `arn:aws:iam::210987654321:role/worker`, assumeRolePolicy: TRUST })),
    ];
    roles.deleteRolePolicy('worker', 'p');
    const stillAttached = rejection(() => roles.deleteRole('worker'));
    roles.detachRolePolicy('worker', MANAGED);
    roles.deleteRole('worker');

    // assert
    expect(results).toEqual([
      'NoSuchEntity: The role with name ghost cannot be found.',
      `NoSuchEntity: Policy arn:aws:iam::${ACCOUNT}:policy/none does not exist or is not attachable.`,
      'NoSuchEntity: The role policy with name none cannot be found.',
      'DeleteConflict: Cannot delete entity, must delete policies first.',
      'DeleteConflict: Cannot delete a policy attached to entities.',
      `InvalidInput: Role arn:aws:iam::210987654321:role/worker is not in the local account ${ACCOUNT}`,
    ]);
    expect(stillAttached).toBe('DeleteConflict: Cannot delete entity, must detach all policies first.');
    expect(roles.listRoles()).toEqual([]);
  });

  it('keeps role names unique regardless of case, as IAM does', () => {
    // prepare
    const roles = new RoleRegistry({ accountId: ACCOUNT });
    roles.putRole({ roleArn: roleArn('Worker'), assumeRolePolicy: TRUST });

    // act
    const clash = rejection(() => roles.putRole({ roleArn: roleArn('worker'), assumeRolePolicy: TRUST }));

    // assert
    expect(clash).toBe(`InvalidInput: Role with name worker already exists as ${roleArn('Worker')}`);
    expect(roles.getRole('WORKER')?.roleArn).toBe(roleArn('Worker'));
  });
});

describe('registerTerraformIam', () => {
  it('registers managed policies, roles with inline_policy blocks, tags and attachments, then role policies', () => {
    // prepare
    const roles = new RoleRegistry({ accountId: ACCOUNT });
    const resources = {
      aws_iam_role_policy_attachment: { attach: { role: 'worker', policy_arn: MANAGED } },
      aws_iam_role_policy: { extra: { name: 'extra', role: 'worker', policy: JSON.stringify(POLICY) } },
      aws_iam_role: {
        worker: { name: 'worker', assume_role_policy: JSON.stringify(TRUST), inline_policy: [{ name: 'inline', policy: JSON.stringify(POLICY) }], tags: { team: 'compute' } },
      },
      aws_iam_policy: { send: { name: 'send', path: '/team/', policy: JSON.stringify(POLICY) } },
    };

    // act
    const summary = registerTerraformIam(roles, resources);

    // assert
    expect(summary).toEqual({ roleArns: [roleArn('worker')], managedPolicyArns: [MANAGED], inlinePolicies: 2, attachments: 1 });
    expect(roles.getRole('worker')).toMatchObject({ inlinePolicyNames: ['inline', 'extra'], attachedPolicyArns: [MANAGED], tags: { team: 'compute' } });
  });

  it('names the attribute that is missing or still holds a Terraform reference', () => {
    // prepare
    const roles = new RoleRegistry({ accountId: ACCOUNT });

    // act
    const unresolved = rejection(() => registerTerraformIam(roles, { aws_iam_role: { r: { name: 'r', assume_role_policy: JSON.stringify(TRUST) } }, aws_iam_role_policy: { p: { name: 'p', role: '${aws_iam_role.r.id}', policy: '{}' } } }));
    const missing = rejection(() => registerTerraformIam(roles, { aws_iam_role: { r: { name_prefix: 'r-', assume_role_policy: JSON.stringify(TRUST) } } }));

    // assert
    expect(unresolved).toBe('InvalidInput: aws_iam_role_policy.p.role: expected a value with its Terraform references resolved, got "${aws_iam_role.r.id}"');
    expect(missing).toBe('InvalidInput: aws_iam_role.r.name: expected a string, got nothing');
  });
});
