import aslValidator from 'asl-validator';
import type { StateMachineDefinition } from './types';

export interface DefinitionProblem {
  /** Where in the definition, e.g. `/States/Check/Type`. */
  path: string;
  message: string;
}

export type ValidationResult = { ok: true; definition: StateMachineDefinition } | { ok: false; problems: DefinitionProblem[] };

interface AslValidatorError {
  'Error code': string;
  Message: string;
  schemaError?: { instancePath?: string };
}

/** Collects every `States` map (top level, Parallel branches, Map processors) with its location. */
function* statesMaps(def: unknown, at: string): Generator<{ at: string; states: Record<string, Record<string, unknown>> }> {
  if (def === null || typeof def !== 'object') return;
  const states = (def as { States?: unknown }).States;
  if (states === null || typeof states !== 'object') return;
  yield { at: `${at}/States`, states: states as Record<string, Record<string, unknown>> };
  for (const [name, state] of Object.entries(states as Record<string, Record<string, unknown>>)) {
    if (state === null || typeof state !== 'object') continue;
    const here = `${at}/States/${name}`;
    if (Array.isArray(state['Branches'])) {
      for (const [i, b] of (state['Branches'] as unknown[]).entries()) yield* statesMaps(b, `${here}/Branches/${i}`);
    }
    if (state['ItemProcessor']) yield* statesMaps(state['ItemProcessor'], `${here}/ItemProcessor`);
    if (state['Iterator']) yield* statesMaps(state['Iterator'], `${here}/Iterator`);
  }
}

/** Checks the asl-validator does not make, for what this engine runs (JSONPath, inline Map). */
function engineChecks(def: StateMachineDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  if (def.QueryLanguage === 'JSONata') problems.push({ path: '/QueryLanguage', message: 'JSONata is not supported by this engine; use JSONPath' });
  for (const { at, states } of statesMaps(def, '')) {
    for (const [name, state] of Object.entries(states)) {
      if (state['QueryLanguage'] === 'JSONata') {
        problems.push({ path: `${at}/${name}/QueryLanguage`, message: `State '${name}' uses JSONata, which this engine does not support` });
      }
      const terminalType = state['Type'] === 'Choice' || state['Type'] === 'Succeed' || state['Type'] === 'Fail';
      if (!terminalType && (state['Next'] === undefined) === (state['End'] !== true)) {
        problems.push({ path: `${at}/${name}`, message: `MISSING_TRANSITION_TARGET: State '${name}' must have exactly one of 'Next' or 'End'` });
      }
      const mode = (state['ItemProcessor'] as { ProcessorConfig?: { Mode?: string } } | undefined)?.ProcessorConfig?.Mode;
      if (state['Type'] === 'Map' && mode === 'DISTRIBUTED') {
        problems.push({
          path: `${at}/${name}/ItemProcessor/ProcessorConfig/Mode`,
          message: `State '${name}' is a Distributed Map, which this engine does not run yet`,
        });
      }
    }
  }
  return problems;
}

/**
 * Validates a definition (JSON text or parsed) with asl-validator plus the engine's own checks.
 * Every problem names its location (`/States/<state>/…`).
 */
export function validateDefinition(definition: string | unknown): ValidationResult {
  // asl-validator builds its JSON-schema validator on every call (~0.1 s): remember verdicts.
  const key = typeof definition === 'string' ? definition : undefined;
  const cached = key !== undefined ? verdicts.get(key) : undefined;
  if (cached) return cached.ok ? { ok: true, definition: JSON.parse(key as string) as StateMachineDefinition } : cached;
  const verdict = validateUncached(definition);
  if (key !== undefined) {
    if (verdicts.size >= MAX_CACHED) verdicts.clear();
    verdicts.set(key, verdict);
  }
  return verdict;
}

const verdicts = new Map<string, ValidationResult>();
const MAX_CACHED = 200;

function validateUncached(definition: unknown): ValidationResult {
  let parsed: unknown;
  if (typeof definition === 'string') {
    try {
      parsed = JSON.parse(definition);
    } catch (err) {
      return { ok: false, problems: [{ path: '', message: `Definition is not valid JSON: ${(err as Error).message}` }] };
    }
  } else parsed = definition;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, problems: [{ path: '', message: 'Definition must be a JSON object' }] };
  }
  // asl-validator annotates the object it checks (QueryLanguage); keep the caller's pristine.
  const result = aslValidator(structuredClone(parsed) as never);
  const problems: DefinitionProblem[] = (result.errors as AslValidatorError[]).map((e) => ({
    path: e.schemaError?.instancePath ?? '',
    message: `${e['Error code']}: ${e.Message}`,
  }));
  // The engine's own checks first: they name the state where asl-validator sometimes does not.
  problems.unshift(...engineChecks(parsed as StateMachineDefinition));
  return problems.length === 0 ? { ok: true, definition: parsed as StateMachineDefinition } : { ok: false, problems };
}

/** Express workflows cannot wait for callbacks or `.sync` jobs (they run at most 5 minutes). */
export function expressProblems(def: StateMachineDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const { at, states } of statesMaps(def, '')) {
    for (const [name, state] of Object.entries(states)) {
      const resource = state['Resource'];
      if (typeof resource === 'string' && /\.(waitForTaskToken|sync(:2)?)$/.test(resource)) {
        problems.push({
          path: `${at}/${name}/Resource`,
          message: `SCHEMA_VALIDATION_FAILED: Express state machine does not support '${resource.slice(resource.lastIndexOf('.'))}' (state '${name}')`,
        });
      }
    }
  }
  return problems;
}

/** The message Step Functions gives with InvalidDefinition. */
export function describeProblems(problems: readonly DefinitionProblem[]): string {
  return `Invalid State Machine Definition: '${problems.map((p) => p.message).join(', ')}'`;
}
