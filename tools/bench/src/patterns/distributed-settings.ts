/**
 * What a deployed Distributed Map does, read from its state machine's definition
 * (DescribeStateMachine): the child type, the children at once, the batch, and the size of the
 * children's own definition (what Express bills memory for). On AWS the bench measures the stack
 * as it is deployed, so these come from the definition, not from infra's configuration.
 */
export interface DistributedMapSettings {
  /** The Map state's name (also its Map Run label unless Label says otherwise). */
  stateName: string;
  label: string;
  executionType: 'EXPRESS' | 'STANDARD';
  maxConcurrency: number;
  /** ItemBatcher's MaxItemsPerBatch; absent: one item per child execution. */
  maxItemsPerBatch?: number;
  /** UTF-8 bytes of the children's definition ({StartAt, States} of the ItemProcessor). */
  childDefinitionBytes: number;
  /** Map and Parallel states in a child (Express memory counts the payload once per such step). */
  childMapSteps: number;
}

export class DefinitionError extends Error {
  override readonly name = 'DefinitionError';
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function statesOf(block: unknown): [string, Json][] {
  const states = isObject(block) ? block['States'] : undefined;
  return isObject(states) ? Object.entries(states).filter((entry): entry is [string, Json] => isObject(entry[1])) : [];
}

/** Every state of a block and of the blocks nested in it (Parallel branches, Map processors). */
function allStates(block: unknown): [string, Json][] {
  return statesOf(block).flatMap(([name, state]) => {
    const nested = [...(Array.isArray(state['Branches']) ? state['Branches'] : []), state['ItemProcessor'] ?? state['Iterator']];
    return [[name, state] as [string, Json], ...nested.flatMap(allStates)];
  });
}

function settingsOf(name: string, state: Json): DistributedMapSettings {
  const processor = state['ItemProcessor'] as Json;
  const config = (processor['ProcessorConfig'] ?? {}) as Json;
  const batcher = isObject(state['ItemBatcher']) ? state['ItemBatcher'] : undefined;
  const childDefinition = { StartAt: processor['StartAt'], States: processor['States'] };
  const maxConcurrency = typeof state['MaxConcurrency'] === 'number' && state['MaxConcurrency'] > 0 ? state['MaxConcurrency'] : 10_000;
  const settings: DistributedMapSettings = {
    stateName: name,
    label: typeof state['Label'] === 'string' ? state['Label'] : name,
    executionType: config['ExecutionType'] === 'STANDARD' ? 'STANDARD' : 'EXPRESS',
    maxConcurrency,
    childDefinitionBytes: Buffer.byteLength(JSON.stringify(childDefinition), 'utf8'),
    childMapSteps: allStates(processor).filter(([, s]) => s['Type'] === 'Map' || s['Type'] === 'Parallel').length,
  };
  if (typeof batcher?.['MaxItemsPerBatch'] === 'number') settings.maxItemsPerBatch = batcher['MaxItemsPerBatch'];
  return settings;
}

/** The Distributed Maps of a definition, by state name; a definition that is not JSON is a DefinitionError. */
export function distributedMaps(definition: string): Map<string, DistributedMapSettings> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(definition);
  } catch (error) {
    throw new DefinitionError(`the state machine definition is not JSON (${(error as Error).message})`);
  }
  const maps = new Map<string, DistributedMapSettings>();
  for (const [name, state] of allStates(parsed)) {
    const processor = state['ItemProcessor'];
    if (state['Type'] === 'Map' && isObject(processor) && isObject(processor['ProcessorConfig']) && processor['ProcessorConfig']['Mode'] === 'DISTRIBUTED') {
      maps.set(name, settingsOf(name, state));
    }
  }
  return maps;
}
