/**
 * Least privilege of the synthesized stacks, enforced: the roles, inline policies, Lambda
 * permission and queue policy of both patterns' cdk.tf.json, registered as the loader will
 * register them, then asked every call the deployed resources make, and the neighbouring ones.
 */
import type { AuthorizationRequest } from '../../core/authorizer';
import type { Caller } from '../../core/caller';
import { RoleAssumptionError } from '../errors';
import type { IamAuthorizer, IamAuthorizerProps } from '../iam-authorizer';
import { registerTerraformIam } from '../terraform-iam';
import { outcome, testAuthorizer, verdict } from './support/authorizer';
import { ACCOUNT, arn, fnArn } from './support/names';
import { C, P, synthesizedStacks, type Stack } from './support/stacks';

const events = (sourceArn: string, sourceAccount = ACCOUNT): Caller => ({ kind: 'service', service: 'events.amazonaws.com', sourceArn, sourceAccount });
const RULE = arn('events', `rule/${C}/${C}-compute`);
const BUS = arn('events', `event-bus/${C}`);
const MACHINE = arn('states', `stateMachine:${C}`);
const DLQ = arn('sqs', `${C}-compute-dlq`);
const FAILURES = arn('sqs', `${C}-compute-failures`);

describe('the synthesized stacks, enforced', () => {
  let parallel: Stack;
  let callback: Stack;
  let iam: IamAuthorizer;
  /** The sessions the deployed resources act with, their roles found through the stack. */
  let machine: (stack: Stack, name: string) => Caller;
  let fn: (stack: Stack, name: string) => Caller;

  async function deployed(props: Partial<IamAuthorizerProps> = {}): Promise<IamAuthorizer> {
    const authorizer = await testAuthorizer(props);
    registerTerraformIam(authorizer.roles, parallel.iamResources());
    registerTerraformIam(authorizer.roles, callback.iamResources());
    return authorizer;
  }

  beforeAll(async () => {
    ({ 'map-in-parallel': parallel, 'map-eventbridge-callback': callback } = synthesizedStacks());
    machine = (stack, name) => ({ kind: 'role', roleArn: stack.machineRoleArn(name), sessionName: 'execution-1' });
    fn = (stack, name) => ({ kind: 'role', roleArn: stack.functionRoleArn(name), sessionName: name });
    iam = await deployed();
  }, 60_000);

  /** `action resource` → Allowed | Denied, for one caller. */
  function table(caller: Caller, cases: [string, string, AuthorizationRequest['resourcePolicy']?][]): string[] {
    return cases.map(([action, resource, resourcePolicy]) => verdict(iam, { caller, action, resource, resourcePolicy }));
  }

  it('registers the role of every state machine and function of both stacks', () => {
    // prepare
    const expected = [
      parallel.machineRoleArn(P),
      parallel.functionRoleArn(`${P}-compute-direct`),
      parallel.functionRoleArn(`${P}-summary`),
      callback.machineRoleArn(C),
      callback.functionRoleArn(`${C}-compute-callback`),
      callback.functionRoleArn(`${C}-summary`),
    ];

    // act
    const registered = iam.roles.listRoles();

    // assert
    expect(registered.map((r) => r.roleArn).sort()).toEqual(expected.sort());
    expect(iam.roles.getRole(callback.functionRoleArn(`${C}-compute-callback`))?.inlinePolicyNames).toEqual(['base', 'on-failure-destination', 'task-response']);
  });

  it('lets the map-in-parallel state machine invoke exactly compute-direct and summary (with versions and aliases)', () => {
    // act
    const result = table(machine(parallel, P), [
      ['lambda:InvokeFunction', fnArn(`${P}-compute-direct`)],
      ['lambda:InvokeFunction', fnArn(`${P}-summary`)],
      ['lambda:InvokeFunction', `${fnArn(`${P}-compute-direct`)}:live`],
      ['lambda:InvokeFunction', fnArn(`${P}-compute-direct-2`)],
      ['lambda:InvokeFunction', fnArn(`${C}-summary`)],
      ['lambda:UpdateFunctionCode', fnArn(`${P}-compute-direct`)],
      ['events:PutEvents', BUS, callback.busPolicy(C)],
      ['states:StartExecution', arn('states', `stateMachine:${P}`)],
    ]);

    // assert
    expect(result).toEqual(['Allowed', 'Allowed', 'Allowed', 'Denied', 'Denied', 'Denied', 'Denied', 'Denied']);
  });

  it('lets the callback state machine put events on exactly its bus and invoke only the summary', () => {
    // act
    const result = table(machine(callback, C), [
      ['events:PutEvents', BUS, callback.busPolicy(C)],
      ['events:PutEvents', arn('events', 'event-bus/default')],
      ['events:PutEvents', arn('events', `event-bus/${C}-2`)],
      ['lambda:InvokeFunction', fnArn(`${C}-summary`)],
      ['lambda:InvokeFunction', fnArn(`${C}-compute-callback`), callback.functionPolicy(`${C}-compute-callback`)],
    ]);

    // assert
    expect(result).toEqual(['Allowed', 'Denied', 'Denied', 'Allowed', 'Denied']);
  });

  it('lets compute-callback answer task tokens with success or failure and do nothing else on Step Functions', () => {
    // act: Step Functions names the state machine; IAM evaluates these actions as resource-less
    const result = table(fn(callback, `${C}-compute-callback`), [
      ['states:SendTaskSuccess', MACHINE],
      ['states:SendTaskFailure', MACHINE],
      ['states:SendTaskHeartbeat', MACHINE],
      ['states:StartExecution', MACHINE],
      ['states:StopExecution', arn('states', `execution:${C}:run-1`)],
      ['states:DescribeExecution', arn('states', `execution:${C}:run-1`)],
    ]);

    // assert
    expect(result).toEqual(['Allowed', 'Allowed', 'Denied', 'Denied', 'Denied', 'Denied']);
  });

  it('lets only compute-callback send to its failure queue, and it nowhere else', () => {
    // act
    const computeCallback = table(fn(callback, `${C}-compute-callback`), [
      ['sqs:SendMessage', FAILURES, callback.queuePolicy(`${C}-compute-failures`)],
      ['sqs:SendMessage', DLQ, callback.queuePolicy(`${C}-compute-dlq`)],
      ['events:PutEvents', BUS, callback.busPolicy(C)],
      ['lambda:InvokeFunction', fnArn(`${C}-summary`)],
    ]);
    const summary = table(fn(callback, `${C}-summary`), [['sqs:SendMessage', FAILURES, callback.queuePolicy(`${C}-compute-failures`)]]);

    // assert
    expect(computeCallback).toEqual(['Allowed', 'Denied', 'Denied', 'Denied']);
    expect(summary).toEqual(['Denied']);
  });

  it('lets EventBridge invoke compute-callback only for its rule', () => {
    // prepare
    const invoke = (caller: Caller, name = `${C}-compute-callback`) => verdict(iam, { caller, action: 'lambda:InvokeFunction', resource: fnArn(name), resourcePolicy: callback.functionPolicy(name) });

    // act
    const result = {
      rule: invoke(events(RULE)),
      otherRule: invoke(events(arn('events', `rule/${C}/other`))),
      sameRuleOtherAccount: invoke(events(`arn:aws:events:us-east-1:210987654321:rule/${C}/${C}-compute`, '210987654321')),
      otherService: invoke({ kind: 'service', service: 'sns.amazonaws.com', sourceArn: RULE, sourceAccount: ACCOUNT }),
      summaryWithoutPermission: invoke(events(RULE), `${C}-summary`),
    };

    // assert
    expect(result).toEqual({ rule: 'Allowed', otherRule: 'Denied', sameRuleOtherAccount: 'Denied', otherService: 'Denied', summaryWithoutPermission: 'Denied' });
  });

  it('lets only the rule write to its dead-letter queue', () => {
    // prepare
    const send = (caller: Caller) => verdict(iam, { caller, action: 'sqs:SendMessage', resource: DLQ, resourcePolicy: callback.queuePolicy(`${C}-compute-dlq`) });

    // act
    const result = {
      rule: send(events(RULE)),
      otherRule: send(events(arn('events', `rule/${C}/other`))),
      lambdaService: send({ kind: 'service', service: 'lambda.amazonaws.com', sourceArn: fnArn(`${C}-compute-callback`), sourceAccount: ACCOUNT }),
      computeCallbackRole: send(fn(callback, `${C}-compute-callback`)),
    };

    // assert
    expect(result).toEqual({ rule: 'Allowed', otherRule: 'Denied', lambdaService: 'Denied', computeCallbackRole: 'Denied' });
  });

  it('refuses the TLS-only queues plain transport, and takes loopback as secure transport by default', async () => {
    // prepare
    const plain = await deployed({ secureTransport: false });
    const toDlq = { caller: events(RULE), action: 'sqs:SendMessage', resource: DLQ, resourcePolicy: callback.queuePolicy(`${C}-compute-dlq`) };
    const toFailures = { caller: fn(callback, `${C}-compute-callback`), action: 'sqs:SendMessage', resource: FAILURES, resourcePolicy: callback.queuePolicy(`${C}-compute-failures`) };

    // act
    const result = [outcome(plain, toDlq), outcome(plain, toFailures), outcome(iam, toDlq), outcome(iam, toFailures)];

    // assert
    expect(result).toEqual([
      `Denied: User: events.amazonaws.com is not authorized to perform: sqs:SendMessage on resource: ${DLQ} with an explicit deny in a resource-based policy`,
      `Denied: User: arn:aws:sts::${ACCOUNT}:assumed-role/${callback.functionRoleArn(`${C}-compute-callback`).split('/').pop()}/${C}-compute-callback is not authorized to perform: sqs:SendMessage on resource: ${FAILURES} with an explicit deny in a resource-based policy`,
      'Allowed',
      'Allowed',
    ]);
  });

  it('lets Step Functions assume a state machine role only for that machine, and Lambda only the function roles', () => {
    // prepare
    const assume = (role: string, service: string, sourceArn: string) => {
      try {
        iam.assumeRole(role, { service, sourceArn, sourceAccount: ACCOUNT });
        return 'assumed';
      } catch (e) {
        if (e instanceof RoleAssumptionError) return `${e.code}: ${e.message}`;
        throw e;
      }
    };
    const sfnRole = callback.machineRoleArn(C);
    const summaryRole = callback.functionRoleArn(`${C}-summary`);

    // act
    const result = {
      ownMachine: assume(sfnRole, 'states.amazonaws.com', MACHINE),
      ownMachineVersion: assume(sfnRole, 'states.amazonaws.com', `${MACHINE}:1`),
      otherMachine: assume(sfnRole, 'states.amazonaws.com', arn('states', `stateMachine:${P}`)),
      lambdaOwnRole: assume(summaryRole, 'lambda.amazonaws.com', fnArn(`${C}-summary`)),
      lambdaMachineRole: assume(sfnRole, 'lambda.amazonaws.com', fnArn(`${C}-summary`)),
      statesFunctionRole: assume(summaryRole, 'states.amazonaws.com', MACHINE),
    };

    // assert
    const states = 'AccessDeniedException: Neither the global service principal states.amazonaws.com, nor the regional one is authorized to assume the provided role.';
    expect(result).toEqual({
      ownMachine: 'assumed',
      ownMachineVersion: 'assumed',
      otherMachine: states,
      lambdaOwnRole: 'assumed',
      lambdaMachineRole: 'InvalidParameterValueException: The role defined for the function cannot be assumed by Lambda.',
      statesFunctionRole: states,
    });
  });

  it('names the caller, the action and the resource in a denial, as AWS does', () => {
    // prepare
    const computeCallback = fn(callback, `${C}-compute-callback`);
    const user = `arn:aws:sts::${ACCOUNT}:assumed-role/${callback.functionRoleArn(`${C}-compute-callback`).split('/').pop()}/${C}-compute-callback`;

    // act
    const noGrant = outcome(iam, { caller: computeCallback, action: 'states:StartExecution', resource: MACHINE });
    const busDeny = outcome(iam, { caller: computeCallback, action: 'events:PutEvents', resource: BUS, resourcePolicy: callback.busPolicy(C) });
    const otherRule = outcome(iam, { caller: events(arn('events', `rule/${C}/other`)), action: 'lambda:InvokeFunction', resource: fnArn(`${C}-compute-callback`), resourcePolicy: callback.functionPolicy(`${C}-compute-callback`) });

    // assert
    expect(noGrant).toBe(`Denied: User: ${user} is not authorized to perform: states:StartExecution on resource: ${MACHINE} because no identity-based policy allows the states:StartExecution action`);
    expect(busDeny).toBe(`Denied: User: ${user} is not authorized to perform: events:PutEvents on resource: ${BUS} with an explicit deny in a resource-based policy`);
    expect(otherRule).toBe(
      `Denied: User: events.amazonaws.com is not authorized to perform: lambda:InvokeFunction on resource: ${fnArn(`${C}-compute-callback`)} because no resource-based policy allows the lambda:InvokeFunction action`,
    );
  });

  it('records every refusal of the run in the decision log', () => {
    // act
    const counts = iam.log.counts();
    const refused = iam.log.summary().map((d) => `${d.principal} ${d.action} ${d.resource}`);

    // assert
    expect(counts.denied).toBe(iam.log.denials().length);
    expect(counts.denied).toBeGreaterThanOrEqual(25);
    expect(refused).toContain(`events.amazonaws.com sqs:SendMessage ${DLQ}`);
    expect(refused).toContain(`lambda.amazonaws.com sts:AssumeRole ${callback.machineRoleArn(C)}`);
  });
});
