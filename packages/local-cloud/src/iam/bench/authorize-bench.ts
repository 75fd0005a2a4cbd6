/**
 * How fast the authorizer decides the calls a pattern run makes, over the synthesized stacks'
 * IAM: uncached (every call simulated), cached (the steady state of a run), and cached with a
 * new role session per execution (Step Functions' sessions). Prints figures; asserts nothing.
 *
 *   npx tsx packages/local-cloud/src/iam/bench/authorize-bench.ts
 */
import type { AuthorizationRequest } from '../../core/authorizer';
import { Clock } from '../../core/clock';
import { ActionCatalog } from '../action-catalog';
import { IamAuthorizer } from '../iam-authorizer';
import { RoleRegistry } from '../role-registry';
import { registerTerraformIam } from '../terraform-iam';
import { ACCOUNT, REGION, arn, fnArn } from '../tests/support/names';
import { C, P, synthesizedStacks } from '../tests/support/stacks';

const { 'map-in-parallel': parallel, 'map-eventbridge-callback': callback } = synthesizedStacks();
const rule = arn('events', `rule/${C}/${C}-compute`);
const computePolicy = callback.functionPolicy(`${C}-compute-callback`);
const dlqPolicy = callback.queuePolicy(`${C}-compute-dlq`);
const busPolicy = callback.busPolicy(C);

/** The calls one case makes in each pattern, for execution `e`. */
function callsOfCase(e: number): AuthorizationRequest[] {
  const session = (roleArn: string, sessionName: string) => ({ kind: 'role', roleArn, sessionName }) as const;
  const computeCallback = session(callback.functionRoleArn(`${C}-compute-callback`), `${C}-compute-callback`);
  const events = { kind: 'service', service: 'events.amazonaws.com', sourceArn: rule, sourceAccount: ACCOUNT } as const;
  return [
    { caller: session(parallel.machineRoleArn(P), `execution-${e}`), action: 'lambda:InvokeFunction', resource: fnArn(`${P}-compute-direct`) },
    { caller: session(callback.machineRoleArn(C), `execution-${e}`), action: 'events:PutEvents', resource: arn('events', `event-bus/${C}`), resourcePolicy: busPolicy },
    { caller: events, action: 'lambda:InvokeFunction', resource: fnArn(`${C}-compute-callback`), resourcePolicy: computePolicy },
    { caller: computeCallback, action: 'states:SendTaskSuccess', resource: arn('states', `stateMachine:${C}`) },
    { caller: events, action: 'sqs:SendMessage', resource: arn('sqs', `${C}-compute-dlq`), resourcePolicy: dlqPolicy },
    // A neighbour the stacks deny, so that the refusal path is measured too.
    { caller: computeCallback, action: 'events:PutEvents', resource: arn('events', `event-bus/${C}`), resourcePolicy: busPolicy },
  ];
}

async function authorizer(catalog: ActionCatalog, cacheEntries?: number): Promise<IamAuthorizer> {
  const registry = new RoleRegistry({ accountId: ACCOUNT });
  registerTerraformIam(registry, parallel.iamResources());
  registerTerraformIam(registry, callback.iamResources());
  return new IamAuthorizer({ registry, catalog, clock: new Clock(), region: REGION, mode: 'audit', ...(cacheEntries === undefined ? {} : { cacheEntries }) });
}

/** Best of three runs over `calls` on a fresh authorizer each (machines running other work are noisy). */
async function measure(label: string, make: () => Promise<IamAuthorizer>, calls: readonly AuthorizationRequest[]): Promise<void> {
  let best = Infinity;
  let counts = { evaluations: 0, cacheHits: 0, wouldDeny: 0 };
  for (let run = 0; run < 3; run++) {
    const iam = await make();
    const start = performance.now();
    for (const call of calls) iam.authorize(call);
    const ms = performance.now() - start;
    if (ms < best) [best, counts] = [ms, iam.log.counts()];
  }
  const perSecond = Math.round((calls.length / best) * 1000);
  console.log(
    `${label.padEnd(40)} ${String(calls.length).padStart(6)} calls ${best.toFixed(0).padStart(6)} ms ${String(perSecond).padStart(8)} decisions/s  (${counts.evaluations} simulated, ${counts.cacheHits} from cache, ${counts.wouldDeny} refused)`,
  );
}

async function main(): Promise<void> {
  const loadStart = performance.now();
  const catalog = await ActionCatalog.load();
  console.log(`action catalog: ${catalog.services.length} services in ${(performance.now() - loadStart).toFixed(0)} ms`);
  const oneExecution = Array.from({ length: 2_000 }, () => callsOfCase(1)).flat();
  const manyExecutions = Array.from({ length: 2_000 }, (_, i) => callsOfCase(Math.floor(i / 20))).flat();
  await measure('uncached', () => authorizer(catalog, 0), oneExecution.slice(0, 1_200));
  await measure('cached, one execution', () => authorizer(catalog), oneExecution);
  await measure('cached, a session per 20-case execution', () => authorizer(catalog), manyExecutions);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
