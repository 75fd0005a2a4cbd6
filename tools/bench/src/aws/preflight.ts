/**
 * The checks against the target that come before any execution: credentials (STS), every
 * state machine present, and the facts the cost needs (memory, architecture) from Lambda.
 */
import { DescribeStateMachineCommand } from '@aws-sdk/client-sfn';
import { GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { DEFAULT_CONFIG } from '@fanout/infra/src/config';
import { SUMMARY_MEMORY_MB } from '@fanout/infra/src/constants';
import { TargetError } from '../errors';
import type { StackOutputs } from '../outputs';
import { DefinitionError, type DistributedMapSettings, distributedMaps } from '../patterns/distributed-settings';
import type { PatternSpec } from '../patterns/registry';
import type { BenchClients, StaticCredentials } from './clients';
import { type CallerIdentity, StsError, getCallerIdentity, stsEndpoint } from './sts';

export interface FunctionFacts {
  name: string;
  memoryMb: number;
  architecture: string;
  /** COMPUTE_MS of the function, when it has one. */
  computeMs?: number;
  logGroup: string;
  /** Where the figures came from: the function's configuration, or infra's defaults when it could not be read. */
  source: 'GetFunctionConfiguration' | 'infra defaults';
}

export interface StackFacts {
  pattern: PatternSpec;
  outputs: StackOutputs;
  compute: FunctionFacts;
  summary: FunctionFacts;
  /** distributed-map: its Distributed Map states as deployed (the first is the one its series is named by). */
  distributedMaps: DistributedMapSettings[];
  notes: string[];
}

const errorName = (error: unknown): string => (error instanceof Error ? error.name : String(error));

export async function resolveCredentials(clients: BenchClients): Promise<StaticCredentials> {
  if (clients.settings.credentials) return clients.settings.credentials;
  try {
    const found = await clients.sfn.config.credentials();
    return { accessKeyId: found.accessKeyId, secretAccessKey: found.secretAccessKey, ...(found.sessionToken ? { sessionToken: found.sessionToken } : {}) };
  } catch (error) {
    throw new TargetError(
      `no AWS credentials: the default credential chain found none (${(error as Error).message}). ` +
        'Set AWS_PROFILE (a profile in ~/.aws/config, SSO included) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, then run again',
    );
  }
}

/** Credentials exist and STS accepts them; the identity is printed so the user sees which account runs. */
export async function checkCredentials(clients: BenchClients): Promise<CallerIdentity> {
  const credentials = await resolveCredentials(clients);
  const endpoint = stsEndpoint(clients.settings.region, clients.settings.endpoint);
  try {
    return await getCallerIdentity({ region: clients.settings.region, endpoint, credentials });
  } catch (error) {
    if (error instanceof StsError && error.kind === 'rejected') {
      throw new TargetError(`credentials rejected by STS GetCallerIdentity at ${endpoint} (${error.code}: ${error.message}); renew them (aws sso login, new keys) and run again`);
    }
    if (error instanceof StsError) {
      throw new TargetError(`no STS GetCallerIdentity answer from ${endpoint} (${error.message}); is it an AWS endpoint? Check AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_STS`);
    }
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    throw new TargetError(`cannot reach STS at ${endpoint} (${(error as Error).message}${cause ? `: ${cause}` : ''}); check the network, AWS_ENDPOINT_URL and the region`);
  }
}

async function functionFacts(clients: BenchClients, stackId: string, name: string, defaultMemoryMb: number, notes: string[]): Promise<FunctionFacts> {
  try {
    const config = await clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    const computeMs = config.Environment?.Variables?.['COMPUTE_MS'];
    return {
      name,
      memoryMb: config.MemorySize ?? defaultMemoryMb,
      architecture: config.Architectures?.[0] ?? 'x86_64',
      ...(computeMs !== undefined && /^\d+$/.test(computeMs) ? { computeMs: Number(computeMs) } : {}),
      logGroup: config.LoggingConfig?.LogGroup ?? `/aws/lambda/${name}`,
      source: 'GetFunctionConfiguration',
    };
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') {
      throw new TargetError(`stack '${stackId}': function ${name} (from its outputs) does not exist; redeploy it with npx nx run infra:deploy -- ${stackId}`);
    }
    notes.push(`${name}: GetFunctionConfiguration failed (${errorName(error)}: ${(error as Error).message}); cost uses infra's defaults (${defaultMemoryMb} MB, arm64)`);
    return { name, memoryMb: defaultMemoryMb, architecture: 'arm64', logGroup: `/aws/lambda/${name}`, source: 'infra defaults' };
  }
}

/** Every selected stack's state machine exists; its functions' configuration is read for the cost. */
export async function inspectStack(clients: BenchClients, pattern: PatternSpec, outputs: StackOutputs): Promise<StackFacts> {
  let definition: string | undefined;
  try {
    definition = (await clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: outputs.stateMachineArn }))).definition;
  } catch (error) {
    if (errorName(error) === 'StateMachineDoesNotExist') {
      throw new TargetError(`stack '${pattern.id}': state machine ${outputs.stateMachineArn} does not exist (destroyed?); redeploy it with npx nx run infra:deploy -- ${pattern.id}`);
    }
    throw new TargetError(`stack '${pattern.id}': DescribeStateMachine failed (${errorName(error)}: ${(error as Error).message})`);
  }
  const notes: string[] = [];
  const compute = await functionFacts(clients, pattern.id, outputs.computeFunctionName, DEFAULT_CONFIG.lambdaMemoryMb, notes);
  const summary = await functionFacts(clients, pattern.id, outputs.summaryFunctionName, SUMMARY_MEMORY_MB, notes);
  return { pattern, outputs, compute, summary, distributedMaps: pattern.timeline === 'map-run' ? deployedMaps(pattern.id, outputs, definition) : [], notes };
}

/** The Distributed Maps the deployed definition holds: a map-run pattern without one cannot be measured. */
function deployedMaps(stackId: string, outputs: StackOutputs, definition: string | undefined): DistributedMapSettings[] {
  let maps: DistributedMapSettings[];
  try {
    maps = [...distributedMaps(definition ?? '').values()];
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    throw new TargetError(`stack '${stackId}': ${outputs.stateMachineArn}: ${error.message}`);
  }
  if (maps.length === 0) {
    throw new TargetError(`stack '${stackId}': ${outputs.stateMachineArn} has no Distributed Map state (Map with ProcessorConfig.Mode DISTRIBUTED); redeploy it with this version of infra (npx nx run infra:deploy -- ${stackId})`);
  }
  return maps;
}
