/** Services take on roles only where the trust policy lets them, and fail as they fail on AWS when it does not. */
import type { AwsError } from '../../core/aws-error';
import { InvalidInputError, RoleAssumptionError } from '../errors';
import type { AssumeRoleRequest, IamAuthorizer } from '../iam-authorizer';
import { testAuthorizer } from './support/authorizer';
import { ACCOUNT, arn, fnArn, roleArn } from './support/names';

const MACHINE = arn('states', 'stateMachine:flow');
const trust = (service: string, Condition?: object) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole', ...(Condition === undefined ? {} : { Condition }) }],
});

/** 'assumed as <session ARN>', or `Code: message` of the RoleAssumptionError. */
function attempt(iam: IamAuthorizer, role: string, request: AssumeRoleRequest): string {
  try {
    return `assumed as ${iam.assumeRole(roleArn(role), request).assumedRoleArn}`;
  } catch (e) {
    if (e instanceof RoleAssumptionError) return `${e.code} (${e.status}): ${e.message}`;
    throw e;
  }
}

describe('assumeRole', () => {
  let iam: IamAuthorizer;

  beforeEach(async () => {
    iam = await testAuthorizer();
    iam.roles.putRole({
      roleArn: roleArn('machine'),
      assumeRolePolicy: trust('states.amazonaws.com', { ArnLike: { 'aws:SourceArn': arn('states', 'stateMachine:*') }, StringEquals: { 'aws:SourceAccount': ACCOUNT } }),
    });
    iam.roles.putRole({ roleArn: roleArn('regional'), assumeRolePolicy: trust('states.us-east-1.amazonaws.com') });
    iam.roles.putRole({ roleArn: `arn:aws:iam::${ACCOUNT}:role/service/fn`, assumeRolePolicy: trust('lambda.amazonaws.com') });
  });

  it("checks a state machine role's trust policy with the aws:SourceArn and aws:SourceAccount conditions", () => {
    // act
    const result = {
      ownMachine: attempt(iam, 'machine', { service: 'states.amazonaws.com', sourceArn: MACHINE, sourceAccount: ACCOUNT, sessionName: 'exec-1' }),
      activity: attempt(iam, 'machine', { service: 'states.amazonaws.com', sourceArn: arn('states', 'activity:a'), sourceAccount: ACCOUNT }),
      otherAccount: attempt(iam, 'machine', { service: 'states.amazonaws.com', sourceArn: MACHINE, sourceAccount: '210987654321' }),
      noSource: attempt(iam, 'machine', { service: 'states.amazonaws.com' }),
      regional: attempt(iam, 'regional', { service: 'states.amazonaws.com', sourceArn: MACHINE, sourceAccount: ACCOUNT }),
    };

    // assert
    const refused = 'AccessDeniedException (400): Neither the global service principal states.amazonaws.com, nor the regional one is authorized to assume the provided role.';
    expect(result).toEqual({
      ownMachine: `assumed as arn:aws:sts::${ACCOUNT}:assumed-role/machine/exec-1`,
      activity: refused,
      otherAccount: refused,
      noSource: refused,
      regional: `assumed as arn:aws:sts::${ACCOUNT}:assumed-role/regional/flow`,
    });
  });

  it('fails a function whose role Lambda cannot assume as Lambda does, whether the role trusts another service or does not exist', () => {
    // act
    const result = {
      ownRole: attempt(iam, 'service/fn', { service: 'lambda.amazonaws.com', sourceArn: fnArn('fn') }),
      statesRole: attempt(iam, 'machine', { service: 'lambda.amazonaws.com', sourceArn: fnArn('fn') }),
      missing: attempt(iam, 'ghost', { service: 'lambda.amazonaws.com', sourceArn: fnArn('fn') }),
      otherService: attempt(iam, 'service/fn', { service: 'events.amazonaws.com', sourceArn: arn('events', 'rule/b/r') }),
    };

    // assert
    const lambda = 'InvalidParameterValueException (400): The role defined for the function cannot be assumed by Lambda.';
    expect(result).toEqual({
      ownRole: `assumed as arn:aws:sts::${ACCOUNT}:assumed-role/fn/fn`,
      statesRole: lambda,
      missing: lambda,
      otherService: `AccessDenied (403): User: events.amazonaws.com is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT}:role/service/fn`,
    });
    expect(iam.log.summary().map((d) => `${d.principal} ${d.resource} ${d.reason}`)).toEqual([
      `lambda.amazonaws.com ${roleArn('machine')} TrustPolicy`,
      `lambda.amazonaws.com ${roleArn('ghost')} NoSuchRole`,
      `events.amazonaws.com arn:aws:iam::${ACCOUNT}:role/service/fn TrustPolicy`,
    ]);
  });

  it('hands back the caller the service acts as, with the role id', () => {
    // act
    const assumed = iam.assumeRole(roleArn('machine'), { service: 'states.amazonaws.com', sourceArn: MACHINE, sourceAccount: ACCOUNT, sessionName: 'exec-1' });

    // assert
    expect(assumed).toEqual({
      caller: { kind: 'role', roleArn: roleArn('machine'), sessionName: 'exec-1' },
      assumedRoleArn: `arn:aws:sts::${ACCOUNT}:assumed-role/machine/exec-1`,
      roleId: iam.roles.getRole('machine')?.roleId,
    });
  });

  it('refuses a session name STS would refuse', () => {
    // act / assert
    expect(() => iam.assumeRole(roleArn('machine'), { service: 'states.amazonaws.com', sessionName: 'has space' })).toThrow(InvalidInputError);
  });

  it('assumes any role unchecked when enforcement is off, and logs but allows in audit mode', () => {
    // prepare
    iam.mode = 'off';
    const off = attempt(iam, 'ghost', { service: 'lambda.amazonaws.com', sourceArn: fnArn('fn') });

    // act
    iam.mode = 'audit';
    const audited = attempt(iam, 'machine', { service: 'lambda.amazonaws.com', sourceArn: fnArn('fn') });

    // assert
    expect([off, audited]).toEqual([`assumed as arn:aws:sts::${ACCOUNT}:assumed-role/ghost/fn`, `assumed as arn:aws:sts::${ACCOUNT}:assumed-role/machine/fn`]);
    expect(iam.log.counts()).toMatchObject({ unenforced: 1, wouldDeny: 1, denied: 0 });
  });

  it('is a RoleAssumptionError an AWS API layer can answer with as it is', () => {
    // act
    let error: AwsError | undefined;
    try {
      iam.assumeRole(roleArn('ghost'), { service: 'lambda.amazonaws.com' });
    } catch (e) {
      error = e as AwsError;
    }

    // assert
    expect(error).toBeInstanceOf(RoleAssumptionError);
    expect(error).toMatchObject({ name: 'RoleAssumptionError', code: 'InvalidParameterValueException', status: 400, roleArn: roleArn('ghost'), reason: 'NoSuchRole' });
  });
});
