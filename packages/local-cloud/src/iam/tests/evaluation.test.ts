/** AWS's evaluation logic for one account, condition keys, and the authorizer's modes, on hand-written policies. */
import type { AuthorizationRequest, PolicyDocument } from '../../core/authorizer';
import type { Caller } from '../../core/caller';
import { InvalidAuthorizationRequestError, MalformedPolicyDocumentError, UnknownActionError } from '../errors';
import type { IamAuthorizer } from '../iam-authorizer';
import { TestClock, outcome, testAuthorizer, verdict } from './support/authorizer';
import { ACCOUNT, arn, roleArn } from './support/names';

const QUEUE = arn('sqs', 'jobs');
const doc = (...Statement: unknown[]): PolicyDocument => ({ Version: '2012-10-17', Statement });
const LAMBDA_TRUST = doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' });
const SEND_QUEUE = doc({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: QUEUE });
const worker: Caller = { kind: 'role', roleArn: roleArn('worker'), sessionName: 'worker-fn' };
const other: Caller = { kind: 'role', roleArn: roleArn('other'), sessionName: 'other-fn' };
const send = (caller: Caller, resourcePolicy?: PolicyDocument, context?: Record<string, string>): AuthorizationRequest => ({ caller, action: 'sqs:SendMessage', resource: QUEUE, resourcePolicy, context });

async function withRoles(props: Parameters<typeof testAuthorizer>[0] = {}, workerPolicy: PolicyDocument = SEND_QUEUE): Promise<IamAuthorizer> {
  const iam = await testAuthorizer(props);
  iam.roles.putRole({ roleArn: roleArn('worker'), assumeRolePolicy: LAMBDA_TRUST, inlinePolicies: { send: workerPolicy }, tags: { team: 'compute' } });
  iam.roles.putRole({ roleArn: roleArn('other'), assumeRolePolicy: LAMBDA_TRUST });
  return iam;
}

describe('policy evaluation', () => {
  it('lets an explicit deny anywhere win over any allow', async () => {
    // prepare
    const iam = await withRoles({}, doc({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }, { Effect: 'Deny', Action: 'sqs:SendMessage', Resource: QUEUE }));
    iam.roles.putPolicy(`arn:aws:iam::${ACCOUNT}:policy/no-sqs`, doc({ Effect: 'Deny', Action: 'sqs:*', Resource: '*' }));
    iam.roles.attachRolePolicy('other', `arn:aws:iam::${ACCOUNT}:policy/no-sqs`);
    const grantAll = doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sqs:SendMessage', Resource: QUEUE });
    const denyWorker = doc({ Effect: 'Deny', Principal: { AWS: roleArn('worker') }, Action: 'sqs:*', Resource: QUEUE });

    // act
    const inline = outcome(iam, send(worker, grantAll));
    const managed = outcome(iam, send(other, grantAll));
    iam.roles.putRolePolicy('worker', 'send', SEND_QUEUE);
    const resource = outcome(iam, send(worker, denyWorker));

    // assert
    const user = (role: string, s: string) => `Denied: User: arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${s} is not authorized to perform: sqs:SendMessage on resource: ${QUEUE}`;
    expect(inline).toBe(`${user('worker', 'worker-fn')} with an explicit deny in an identity-based policy`);
    expect(managed).toBe(`${user('other', 'other-fn')} with an explicit deny in an identity-based policy: arn:aws:iam::${ACCOUNT}:policy/no-sqs`);
    expect(resource).toBe(`${user('worker', 'worker-fn')} with an explicit deny in a resource-based policy`);
  });

  it('lets a same-account resource policy naming the role grant without an identity policy, but not one naming the account', async () => {
    // prepare
    const iam = await withRoles();
    const naming = (principal: string) => doc({ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sqs:SendMessage', Resource: QUEUE });

    // act
    const result = {
      namesRole: verdict(iam, send(other, naming(roleArn('other')))),
      namesSession: verdict(iam, send(other, naming(`arn:aws:sts::${ACCOUNT}:assumed-role/other/other-fn`))),
      namesAnotherRole: verdict(iam, send(other, naming(roleArn('worker')))),
      namesAccount: verdict(iam, send(other, naming(`arn:aws:iam::${ACCOUNT}:root`))),
      namesAccountWithIdentityGrant: verdict(iam, send(worker, naming(`arn:aws:iam::${ACCOUNT}:root`))),
    };

    // assert
    expect(result).toEqual({ namesRole: 'Allowed', namesSession: 'Allowed', namesAnotherRole: 'Denied', namesAccount: 'Denied', namesAccountWithIdentityGrant: 'Allowed' });
  });

  it('treats loopback as secure transport by default, so TLS-only policies deny nothing; plain transport meets the deny', async () => {
    // prepare
    const tlsOnly = doc({ Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: QUEUE, Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    const secure = await withRoles();
    const plain = await withRoles({ secureTransport: false });

    // act
    const onLoopback = outcome(secure, send(worker, tlsOnly));
    const onPlainHttp = outcome(plain, send(worker, tlsOnly));

    // assert
    expect(onLoopback).toBe('Allowed');
    expect(onPlainHttp).toMatch(/ with an explicit deny in a resource-based policy$/);
  });

  it('sets the principal keys AWS sets for a role session, which no service context can override', async () => {
    // prepare
    const iam = await withRoles();
    const roleId = iam.roles.getRole('worker')?.roleId;
    const when = (Condition: object) => doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sqs:SendMessage', Resource: QUEUE, Condition });
    const byTag = doc({ Effect: 'Allow', Principal: '*', Action: 'sqs:*', Resource: QUEUE, Condition: { StringEquals: { 'aws:PrincipalTag/team': 'compute' } } });

    // act
    const result = {
      principalArn: verdict(iam, send(other, when({ ArnEquals: { 'aws:PrincipalArn': roleArn('other') } }))),
      principalArnOfOther: verdict(iam, send(other, when({ ArnEquals: { 'aws:PrincipalArn': roleArn('worker') } }))),
      spoofed: verdict(iam, send(other, when({ ArnEquals: { 'aws:PrincipalArn': roleArn('worker') } }), { 'aws:PrincipalArn': roleArn('worker') })),
      account: verdict(iam, send(other, when({ StringEquals: { 'aws:PrincipalAccount': ACCOUNT, 'aws:PrincipalType': 'AssumedRole', 'aws:PrincipalIsAWSService': 'false' } }))),
      userid: verdict(iam, send(worker, when({ StringEquals: { 'aws:userid': `${roleId}:worker-fn` } }))),
      tagged: verdict(iam, { ...send(worker, byTag), action: 'sqs:DeleteMessage' }),
      untagged: verdict(iam, { ...send(other, byTag), action: 'sqs:DeleteMessage' }),
      region: verdict(iam, send(other, when({ StringEquals: { 'aws:RequestedRegion': 'us-east-1', 'aws:ResourceAccount': ACCOUNT } }))),
      serviceKey: verdict(iam, send(other, when({ StringEquals: { 'sqs:MessageGroupId': 'g1' } }), { 'sqs:MessageGroupId': 'g1' })),
    };

    // assert
    expect(roleId).toMatch(/^AROA[0-9A-F]{17}$/);
    expect(result).toEqual({ principalArn: 'Allowed', principalArnOfOther: 'Denied', spoofed: 'Denied', account: 'Allowed', userid: 'Allowed', tagged: 'Allowed', untagged: 'Denied', region: 'Allowed', serviceKey: 'Allowed' });
  });

  it('sets aws:SourceArn, aws:SourceAccount and aws:PrincipalServiceName for a service principal', async () => {
    // prepare
    const iam = await withRoles();
    const rule = arn('events', 'rule/bus/route');
    const policy = doc({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: QUEUE, Condition: { StringEquals: { 'aws:PrincipalServiceName': 'events.amazonaws.com', 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': arn('events', 'rule/bus/*') } } });
    const events = (sourceArn: string, sourceAccount = ACCOUNT): Caller => ({ kind: 'service', service: 'events.amazonaws.com', sourceArn, sourceAccount });

    // act
    const result = [events(rule), events(arn('events', 'rule/other-bus/route')), events(rule, '210987654321')].map((caller) => verdict(iam, send(caller, policy)));

    // assert
    expect(result).toEqual(['Allowed', 'Denied', 'Denied']);
  });

  it('reads aws:CurrentTime from the shared clock and never reuses a time-dependent decision', async () => {
    // prepare
    const clock = new TestClock(Date.parse('2026-01-15T12:00:00Z'));
    const iam = await withRoles({ clock }, doc({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: QUEUE, Condition: { DateLessThan: { 'aws:CurrentTime': '2026-01-15T13:00:00Z' } } }));

    // act
    const before = verdict(iam, send(worker));
    clock.nowMs += 2 * 3600_000;
    const after = verdict(iam, send(worker));

    // assert
    expect([before, after]).toEqual(['Allowed', 'Denied']);
    expect(iam.log.counts().cacheHits).toBe(0);
  });

  it('evaluates actions without resource-level permissions as on *, while the message names the resource given', async () => {
    // prepare
    const machine = arn('states', 'stateMachine:flow');
    const iam = await testAuthorizer();
    iam.roles.putRole({ roleArn: roleArn('scoped'), assumeRolePolicy: LAMBDA_TRUST, inlinePolicies: { p: doc({ Effect: 'Allow', Action: 'states:SendTaskSuccess', Resource: machine }) } });
    iam.roles.putRole({ roleArn: roleArn('star'), assumeRolePolicy: LAMBDA_TRUST, inlinePolicies: { p: doc({ Effect: 'Allow', Action: 'states:SendTaskSuccess', Resource: '*' }) } });
    const answer = (role: string, resource: string) => outcome(iam, { caller: { kind: 'role', roleArn: roleArn(role), sessionName: 'fn' }, action: 'states:SendTaskSuccess', resource });

    // act
    const result = [answer('scoped', machine), answer('star', machine), answer('star', '*'), answer('scoped', '*')];

    // assert
    expect(result).toEqual([
      `Denied: User: arn:aws:sts::${ACCOUNT}:assumed-role/scoped/fn is not authorized to perform: states:SendTaskSuccess on resource: ${machine} because no identity-based policy allows the states:SendTaskSuccess action`,
      'Allowed',
      'Allowed',
      `Denied: User: arn:aws:sts::${ACCOUNT}:assumed-role/scoped/fn is not authorized to perform: states:SendTaskSuccess because no identity-based policy allows the states:SendTaskSuccess action`,
    ]);
  });

  it('refuses to evaluate what IAM cannot: unknown actions, * for an action with resource types, a malformed resource policy', async () => {
    // prepare
    const iam = await withRoles();

    // act / assert
    expect(() => iam.authorize({ caller: worker, action: 'sqs:SendMesage', resource: QUEUE })).toThrow(new UnknownActionError('IAM has no action "sqs:SendMesage"'));
    expect(() => iam.authorize({ caller: worker, action: 'dynamodb:PutItem', resource: QUEUE })).toThrow(UnknownActionError);
    expect(() => iam.authorize({ caller: worker, action: 'sqs:SendMessage', resource: '*' })).toThrow(InvalidAuthorizationRequestError);
    expect(() => iam.authorize(send(worker, doc({ Effect: 'Allow', Action: 'sqs:*', Resource: QUEUE })))).toThrow(MalformedPolicyDocumentError);
  });

  it('denies a role it does not know: it holds no policies', async () => {
    // prepare
    const iam = await withRoles();

    // act
    const result = outcome(iam, send({ kind: 'role', roleArn: roleArn('ghost'), sessionName: 's1' }));

    // assert
    expect(result).toMatch(/^Denied: User: arn:aws:sts::123456789012:assumed-role\/ghost\/s1 is not authorized .* because no identity-based policy allows/);
  });
});

describe('modes, external callers and the decision log', () => {
  const denyAll = doc({ Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: QUEUE });

  it('lets external callers act as administrators, whatever the resource policy', async () => {
    // prepare
    const iam = await withRoles();

    // act
    const result = [verdict(iam, send({ kind: 'external' }, denyAll)), verdict(iam, send({ kind: 'external', accessKeyId: 'AKIAEXAMPLE' }, denyAll))];

    // assert
    expect(result).toEqual(['Allowed', 'Allowed']);
    expect(iam.log.counts()).toMatchObject({ allowed: 2, external: 2, evaluations: 0 });
  });

  it('lets everything through unevaluated when enforcement is off, and through but logged in audit mode', async () => {
    // prepare
    const iam = await withRoles({ mode: 'off' });

    // act
    const off = verdict(iam, send(other, denyAll));
    iam.mode = 'audit';
    const audited = verdict(iam, send(other, denyAll));
    iam.mode = 'enforce';
    const enforced = verdict(iam, send(other, denyAll));

    // assert
    expect([off, audited, enforced]).toEqual(['Allowed', 'Allowed', 'Denied']);
    expect(iam.log.counts()).toMatchObject({ unenforced: 1, wouldDeny: 1, denied: 1 });
    expect(iam.log.denials().map((d) => d.enforced)).toEqual([false, true]);
  });

  it('records each denial with caller, action, resource and reason, counts the rest, and summarises beyond its bound', async () => {
    // prepare
    const iam = await withRoles({ denialLogEntries: 2 });

    // act
    verdict(iam, send(worker));
    verdict(iam, send(worker));
    for (let i = 0; i < 3; i++) verdict(iam, send(other));

    // assert
    expect(iam.log.counts()).toMatchObject({ allowed: 2, denied: 3, evaluations: 2, cacheHits: 3, denialsNotKept: 1 });
    expect(iam.log.denials()[0]).toEqual({
      time: '2026-01-15T12:00:00.000Z',
      principal: `arn:aws:sts::${ACCOUNT}:assumed-role/other/other-fn`,
      callerKind: 'role',
      action: 'sqs:SendMessage',
      resource: QUEUE,
      reason: 'NoIdentityAllow',
      message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/other/other-fn is not authorized to perform: sqs:SendMessage on resource: ${QUEUE} because no identity-based policy allows the sqs:SendMessage action`,
      enforced: true,
    });
    expect(iam.log.summary()).toEqual([{ principal: `arn:aws:sts::${ACCOUNT}:assumed-role/other/other-fn`, action: 'sqs:SendMessage', resource: QUEUE, reason: 'NoIdentityAllow', count: 3 }]);
  });

  it('forgets cached decisions when a role changes', async () => {
    // prepare
    const iam = await withRoles();
    const before = verdict(iam, send(other));

    // act
    iam.roles.putRolePolicy('other', 'send', SEND_QUEUE);
    const after = verdict(iam, send(other));
    iam.roles.deleteRolePolicy('other', 'send');
    const removed = verdict(iam, send(other));

    // assert
    expect([before, after, removed]).toEqual(['Denied', 'Allowed', 'Denied']);
  });
});
