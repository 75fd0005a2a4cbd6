import aslValidator from 'asl-validator';
import { childExecutionType, mapStateProblems, processorMode } from './distributed-checks';
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

/** Checks the asl-validator does not make, for what this engine runs (JSONPath, inline and Distributed Map). */
function engineChecks(def: StateMachineDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const labels = new Map<string, string>();
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
      problems.push(...fieldProblems(at, name, state));
      problems.push(...errorHandlerProblems(at, name, state));
      problems.push(...retrierProblems(at, name, state));
      problems.push(...timeoutProblems(at, name, state));
      if (state['Type'] !== 'Map') continue;
      problems.push(...mapStateProblems(at, name, state, labels));
      // Express children are Express workflows: no callbacks, no Distributed Map of their own.
      if (processorMode(state) === 'DISTRIBUTED' && childExecutionType(state) === 'EXPRESS') {
        problems.push(...expressProblems(state['ItemProcessor'] as StateMachineDefinition, `${at}/${name}/ItemProcessor`));
      }
    }
  }
  return problems;
}

/** Fields only some state types take (asl-validator reports them as a puzzling "Type is invalid"). */
const FIELD_TYPES: Record<string, readonly string[]> = {
  ResultSelector: ['Task', 'Map', 'Parallel'],
  Retry: ['Task', 'Map', 'Parallel'],
  Catch: ['Task', 'Map', 'Parallel'],
};

function fieldProblems(at: string, name: string, state: Record<string, unknown>): DefinitionProblem[] {
  const type = state['Type'];
  if (typeof type !== 'string') return [];
  return Object.entries(FIELD_TYPES)
    .filter(([field, types]) => state[field] !== undefined && !types.includes(type))
    .map(([field, types]) => ({
      path: `${at}/${name}/${field}`,
      message: `SCHEMA_VALIDATION_FAILED: Field '${field}' is not supported by state type '${type}' (state '${name}'; only ${types.join(', ')})`,
    }));
}

/**
 * Step Functions refuses `States.ALL` anywhere but alone in the last Retrier / Catcher: a
 * handler after it could never be reached.
 */
/** Calls `check` for every Retrier and Catcher object of a state, with its field, index and count. */
function forEachHandler(state: Record<string, unknown>, check: (field: 'Retry' | 'Catch', h: Record<string, unknown>, i: number, count: number) => void): void {
  for (const field of ['Retry', 'Catch'] as const) {
    const handlers = state[field];
    if (!Array.isArray(handlers)) continue;
    handlers.forEach((h: unknown, i: number) => {
      if (h !== null && typeof h === 'object') check(field, h as Record<string, unknown>, i, handlers.length);
    });
  }
}

function errorHandlerProblems(at: string, name: string, state: Record<string, unknown>): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  forEachHandler(state, (field, h, i, count) => {
    const equals = h['ErrorEquals'];
    if (!Array.isArray(equals) || !equals.includes('States.ALL')) return;
    const where = `${at}/${name}/${field}/${i}/ErrorEquals`;
    if (equals.length > 1) {
      problems.push({ path: where, message: `SCHEMA_VALIDATION_FAILED: States.ALL must appear alone in ErrorEquals (state '${name}', ${field}[${i}])` });
    }
    if (i !== count - 1) {
      problems.push({
        path: where,
        message: `SCHEMA_VALIDATION_FAILED: a ${field === 'Retry' ? 'Retrier' : 'Catcher'} with States.ALL must be the last one (state '${name}', ${field}[${i}] of ${count})`,
      });
    }
  });
  return problems;
}

/** Retrier bounds from the developer guide ("Retrying after an error") that asl-validator leaves open. */
const RETRIER_RULES: { field: string; ok: (v: unknown) => boolean; rule: string }[] = [
  { field: 'IntervalSeconds', ok: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 99_999_999, rule: 'an integer from 1 to 99999999' },
  { field: 'MaxAttempts', ok: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 99_999_999, rule: 'an integer from 0 to 99999999' },
  { field: 'BackoffRate', ok: (v) => typeof v === 'number' && v >= 1, rule: 'a number >= 1.0' },
  { field: 'MaxDelaySeconds', ok: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) < 31_622_401, rule: 'an integer from 1 to 31622400' },
  { field: 'JitterStrategy', ok: (v) => v === 'FULL' || v === 'NONE', rule: "'FULL' or 'NONE'" },
];

function retrierProblems(at: string, name: string, state: Record<string, unknown>): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  forEachHandler(state, (field, h, i) => {
    const equals = h['ErrorEquals'];
    if (Array.isArray(equals) && equals.length === 0) {
      problems.push({ path: `${at}/${name}/${field}/${i}/ErrorEquals`, message: `SCHEMA_VALIDATION_FAILED: ErrorEquals must name at least one error (state '${name}', ${field}[${i}])` });
    }
    if (field !== 'Retry') return;
    for (const r of RETRIER_RULES) {
      if (h[r.field] !== undefined && !r.ok(h[r.field])) {
        problems.push({
          path: `${at}/${name}/Retry/${i}/${r.field}`,
          message: `SCHEMA_VALIDATION_FAILED: ${r.field} must be ${r.rule}, got ${JSON.stringify(h[r.field])} (state '${name}', Retry[${i}])`,
        });
      }
    }
  });
  return problems;
}

/** HeartbeatSeconds must be smaller than TimeoutSeconds when both are literal numbers. */
function timeoutProblems(at: string, name: string, state: Record<string, unknown>): DefinitionProblem[] {
  const timeout = state['TimeoutSeconds'];
  const heartbeat = state['HeartbeatSeconds'];
  if (typeof timeout === 'number' && typeof heartbeat === 'number' && heartbeat >= timeout) {
    return [
      {
        path: `${at}/${name}/HeartbeatSeconds`,
        message: `SCHEMA_VALIDATION_FAILED: HeartbeatSeconds (${heartbeat}) must be smaller than TimeoutSeconds (${timeout}) (state '${name}')`,
      },
    ];
  }
  return [];
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
  const problems: DefinitionProblem[] = (result.errors as AslValidatorError[]).filter((e) => !predatesWriterConfig(e, parsed)).map((e) => ({
    path: e.schemaError?.instancePath ?? '',
    message: `${e['Error code']}: ${e.Message}`,
  }));
  // The engine's own checks first: they name the state where asl-validator sometimes does not.
  problems.unshift(...engineChecks(parsed as StateMachineDefinition));
  return problems.length === 0 ? { ok: true, definition: parsed as StateMachineDefinition } : { ok: false, problems };
}

/**
 * asl-validator 4.0 still requires a ResultWriter's Resource; AWS now also takes WriterConfig
 * alone (developer guide, ResultWriter: "Required field combinations"), which the engine's own
 * checks allow. That one schema error is dropped where the ResultWriter holds a WriterConfig.
 */
function predatesWriterConfig(e: AslValidatorError, definition: unknown): boolean {
  const at = e.schemaError?.instancePath;
  if (at === undefined || !at.endsWith('/ResultWriter') || !e.Message.includes("required property 'Resource'")) return false;
  let node: unknown = definition;
  for (const part of at.split('/').slice(1)) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return node !== null && typeof node === 'object' && (node as Record<string, unknown>)['WriterConfig'] !== undefined;
}

/**
 * Express workflows cannot wait for callbacks or `.sync` jobs (they run at most 5 minutes), nor
 * run a Distributed Map (its parent must be a Standard workflow).
 */
export function expressProblems(def: StateMachineDefinition, root = ''): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const { at, states } of statesMaps(def, root)) {
    for (const [name, state] of Object.entries(states)) {
      if (state['Type'] === 'Map' && processorMode(state) === 'DISTRIBUTED') {
        problems.push({
          path: `${at}/${name}/ItemProcessor/ProcessorConfig/Mode`,
          message: `SCHEMA_VALIDATION_FAILED: A Distributed Map cannot run in an Express workflow (state '${name}'); its parent must be STANDARD`,
        });
      }
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
