import { EventBridgeError } from './errors';
import { evaluateJsonPath, JsonPathError, parseJsonPath } from './json-path';
import { EVENTBRIDGE_LIMITS, NAME_PATTERNS } from './limits';

export interface InputTransformerSpec {
  readonly InputPathsMap?: Readonly<Record<string, string>>;
  readonly InputTemplate: string;
}

/** What a target sends instead of the whole event (at most one of the three). */
export interface TargetInputSpec {
  readonly Input?: string;
  readonly InputPath?: string;
  readonly InputTransformer?: InputTransformerSpec;
}

export interface InputContext {
  /** The event envelope as the rule matched it. */
  readonly event: Readonly<Record<string, unknown>>;
  readonly ruleArn: string;
  readonly ruleName: string;
  /** ISO 8601, when EventBridge received the event. */
  readonly ingestionTime: string;
}

/** A template whose output is not JSON (only possible with values no validation could foresee). */
export class InputRenderError extends Error {
  override readonly name = 'InputRenderError';
}

const PREDEFINED = ['aws.events.rule-arn', 'aws.events.rule-name', 'aws.events.event.ingestion-time', 'aws.events.event', 'aws.events.event.json'] as const;
const PLACEHOLDER = /<([A-Za-z0-9_.-]+)>/y;

type Lookup = (name: string) => { found: boolean; value?: unknown } | undefined;

/** Refuses an input specification PutTargets would refuse, naming the target. */
export function validateTargetInput(spec: TargetInputSpec, targetId: string): void {
  const given = [spec.Input, spec.InputPath, spec.InputTransformer].filter((v) => v !== undefined).length;
  const invalid = (msg: string) => new EventBridgeError('ValidationException', msg);
  if (given > 1) throw invalid(`Only one of Input, InputPath, or InputTransformer can be specified for target ${targetId}.`);
  if (spec.Input !== undefined) {
    if (spec.Input.length > EVENTBRIDGE_LIMITS.inputMaxLength) throw invalid(`Input for target ${targetId} is over ${EVENTBRIDGE_LIMITS.inputMaxLength} characters.`);
    try {
      JSON.parse(spec.Input);
    } catch (err) {
      throw invalid(`Input for target ${targetId} is not valid JSON: ${(err as Error).message}`);
    }
  }
  if (spec.InputPath !== undefined) checkPath(spec.InputPath, `InputPath for target ${targetId}`);
  const t = spec.InputTransformer;
  if (t === undefined) return;
  if (t.InputTemplate.length === 0 || t.InputTemplate.length > EVENTBRIDGE_LIMITS.inputMaxLength) {
    throw invalid(`InputTemplate for target ${targetId} must be 1 to ${EVENTBRIDGE_LIMITS.inputMaxLength} characters.`);
  }
  const entries = Object.entries(t.InputPathsMap ?? {});
  if (entries.length > EVENTBRIDGE_LIMITS.inputPathsMapMaxEntries) {
    throw invalid(`InputPathsMap for target ${targetId} has ${entries.length} entries, over the ${EVENTBRIDGE_LIMITS.inputPathsMapMaxEntries} allowed.`);
  }
  for (const [key, path] of entries) {
    if (!NAME_PATTERNS.inputPathsKey.test(key) || key.toLowerCase().startsWith('aws')) {
      throw invalid(`InputPathsMap key '${key}' for target ${targetId} is not valid: keys are letters, digits, '_' and '-', and may not start with 'AWS'.`);
    }
    checkPath(path, `InputPathsMap value '${key}' for target ${targetId}`);
  }
  if (isJsonTemplate(t.InputTemplate)) {
    const names = new Set([...entries.map(([k]) => k), ...PREDEFINED]);
    const trial = substitute(t.InputTemplate, (name) => (names.has(name) ? { found: true, value: 0 } : undefined), true);
    try {
      JSON.parse(trial);
    } catch (err) {
      throw invalid(`Invalid InputTemplate for target ${targetId}: ${(err as Error).message} (a placeholder can be a value, never an object key)`);
    }
  }
}

function checkPath(path: string, what: string): void {
  if (path.length > EVENTBRIDGE_LIMITS.inputPathMaxLength) throw new EventBridgeError('ValidationException', `${what} is over ${EVENTBRIDGE_LIMITS.inputPathMaxLength} characters.`);
  try {
    parseJsonPath(path);
  } catch (err) {
    if (err instanceof JsonPathError) throw new EventBridgeError('ValidationException', `${what} is not valid: ${err.message}`);
    throw err;
  }
}

/** The text the target receives for this event. */
export function renderTargetInput(spec: TargetInputSpec, ctx: InputContext): string {
  if (spec.Input !== undefined) return spec.Input;
  if (spec.InputPath !== undefined) {
    const r = evaluateJsonPath(parseJsonPath(spec.InputPath), ctx.event);
    return r.found ? JSON.stringify(r.value) : 'null';
  }
  const t = spec.InputTransformer;
  if (t === undefined) return JSON.stringify(ctx.event);
  const paths = new Map(Object.entries(t.InputPathsMap ?? {}).map(([k, p]) => [k, parseJsonPath(p)]));
  const lookup: Lookup = (name) => {
    const segments = paths.get(name);
    if (segments) return evaluateJsonPath(segments, ctx.event);
    switch (name) {
      case 'aws.events.rule-arn':
        return { found: true, value: ctx.ruleArn };
      case 'aws.events.rule-name':
        return { found: true, value: ctx.ruleName };
      case 'aws.events.event.ingestion-time':
        return { found: true, value: ctx.ingestionTime };
      case 'aws.events.event': {
        const { detail: _omitted, ...rest } = ctx.event;
        return { found: true, value: rest };
      }
      case 'aws.events.event.json':
        return { found: true, value: ctx.event };
      default:
        return undefined;
    }
  };
  const json = isJsonTemplate(t.InputTemplate);
  const text = substitute(t.InputTemplate, lookup, json);
  if (!json) return text;
  try {
    return JSON.stringify(JSON.parse(text));
  } catch (err) {
    throw new InputRenderError(`InputTemplate produced invalid JSON: ${(err as Error).message}`);
  }
}

/** A template surrounded by braces is JSON; anything else is text (a quoted string, usually). */
const isJsonTemplate = (template: string): boolean => template.trimStart().startsWith('{');

/**
 * Fills `<name>` placeholders. In a JSON template a placeholder outside quotes becomes the
 * value's JSON (null when the path reached nothing) and one inside quotes its escaped text, so
 * the output stays valid JSON; in a text template values go in as they are.
 */
function substitute(template: string, lookup: Lookup, json: boolean): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i] as string;
    if (json && inString && c === '\\') {
      out += c + (template[i + 1] ?? '');
      i++;
      continue;
    }
    if (json && c === '"') inString = !inString;
    if (c === '<') {
      PLACEHOLDER.lastIndex = i;
      const m = PLACEHOLDER.exec(template);
      const hit = m ? lookup(m[1] as string) : undefined;
      if (m && hit) {
        out += render(hit, json, inString);
        i += m[0].length - 1;
        continue;
      }
    }
    out += c;
  }
  return out;
}

function render(hit: { found: boolean; value?: unknown }, json: boolean, inString: boolean): string {
  if (!hit.found) return json && !inString ? 'null' : '';
  const text = typeof hit.value === 'string' ? hit.value : JSON.stringify(hit.value);
  if (!json) return text;
  return inString ? JSON.stringify(text).slice(1, -1) : JSON.stringify(hit.value);
}
