import { StatesError, STATES_ERRORS } from '../asl/errors';
import type { Scope } from '../../core/scope';

/** What a service integration receives for one task attempt. */
export interface TaskRequest {
  /** The Resource as written in the definition. */
  resource: string;
  /** The Resource without its `.sync` / `.waitForTaskToken` suffix (what the registry matched). */
  baseResource: string;
  /** The task's effective input (after InputPath and Parameters). */
  input: unknown;
  /** Present for `.waitForTaskToken` tasks: the token to send back with SendTask*. */
  taskToken?: string;
  stateName: string;
  executionArn: string;
  stateMachineArn: string;
  /** The state machine's role: an integration calling another local service acts as it. */
  roleArn: string;
  region: string;
  accountId: string;
  /**
   * `Root=1-<8 hex>-<24 hex>;Parent=<16 hex>;Sampled=1`: one trace per execution. Present only
   * when the state machine was created with `tracingConfiguration.enabled: true`.
   */
  traceHeader?: string;
  /** Aborts when the execution stops or the enclosing Map/Parallel fails. */
  scope: Scope;
}

/**
 * A service integration: returns the task result (or, for `.waitForTaskToken`, what the service
 * call answered; the result then comes from SendTaskSuccess). Throw a StatesError to fail the
 * task with a named error; any other thrown error fails it with its `name`.
 */
export type TaskHandler = (request: TaskRequest) => unknown;

interface Entry {
  pattern: string;
  regex: RegExp;
  handler: TaskHandler;
}

const SUFFIXES = ['.waitForTaskToken', '.sync:2', '.sync'];

export function splitResource(resource: string): { base: string; suffix: string } {
  for (const s of SUFFIXES) if (resource.endsWith(s)) return { base: resource.slice(0, -s.length), suffix: s };
  return { base: resource, suffix: '' };
}

/**
 * Service integrations keyed by resource ARN pattern (`*` matches any run of characters except
 * nothing special): exact patterns win over wildcards, later registrations over earlier ones.
 */
export class IntegrationRegistry {
  private readonly entries: Entry[] = [];
  private readonly cache = new Map<string, TaskHandler | undefined>();

  register(pattern: string, handler: TaskHandler): void {
    this.cache.clear();
    const regex = new RegExp(
      '^' +
        pattern
          .split('*')
          .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*') +
        '$'
    );
    const existing = this.entries.findIndex((e) => e.pattern === pattern);
    if (existing >= 0) this.entries.splice(existing, 1);
    this.entries.push({ pattern, regex, handler });
  }

  unregister(pattern: string): boolean {
    this.cache.clear();
    const i = this.entries.findIndex((e) => e.pattern === pattern);
    if (i >= 0) this.entries.splice(i, 1);
    return i >= 0;
  }

  /** The handler for a resource (suffix stripped), or undefined. */
  resolve(baseResource: string): TaskHandler | undefined {
    if (this.cache.has(baseResource)) return this.cache.get(baseResource);
    const handler = this.lookup(baseResource);
    this.cache.set(baseResource, handler);
    return handler;
  }

  private lookup(baseResource: string): TaskHandler | undefined {
    let wildcard: Entry | undefined;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i] as Entry;
      if (e.pattern === baseResource) return e.handler;
      if (!wildcard && e.regex.test(baseResource)) wildcard = e;
    }
    return wildcard?.handler;
  }

  patterns(): string[] {
    return this.entries.map((e) => e.pattern);
  }
}

/** An in-process Lambda handler (the local Lambda service runs the real bundles instead). */
export type LambdaHandler = (event: unknown, context: { functionName: string; awsRequestId: string }) => unknown;

export const LAMBDA_INVOKE_ARN = 'arn:aws:states:::lambda:invoke';
export const LAMBDA_FUNCTION_ARN_PATTERN = 'arn:aws:lambda:*:*:function:*';
export const EVENTS_PUT_EVENTS_ARN = 'arn:aws:states:::events:putEvents';

/** `my-fn`, `my-fn:alias`, `arn:aws:lambda:r:a:function:my-fn[:qualifier]` → `my-fn`. */
const nameCache = new Map<string, string>();
export function lambdaFunctionName(nameOrArn: string): string {
  const cached = nameCache.get(nameOrArn);
  if (cached !== undefined) return cached;
  const name = parseFunctionName(nameOrArn);
  if (nameCache.size < 10_000) nameCache.set(nameOrArn, name);
  return name;
}
function parseFunctionName(nameOrArn: string): string {
  const m = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(:.+)?$/.exec(nameOrArn);
  if (m) return m[1] as string;
  const partial = /^(?:\d{12}:)?function:([^:]+)/.exec(nameOrArn);
  if (partial) return partial[1] as string;
  return nameOrArn.split(':')[0] as string;
}

/** Turns a handler's throw into the error a state machine sees (its error type, Lambda's cause JSON). */
function lambdaError(err: unknown): StatesError {
  if (err instanceof StatesError) return err;
  const e = err instanceof Error ? err : new Error(String(err));
  const errorType = e.name || 'Error';
  return new StatesError(errorType, JSON.stringify({ errorType, errorMessage: e.message, trace: (e.stack ?? '').split('\n') }));
}

let requestCounter = 0;
async function invokeLocal(functions: ReadonlyMap<string, LambdaHandler>, nameOrArn: unknown, payload: unknown): Promise<unknown> {
  if (typeof nameOrArn !== 'string') throw new StatesError('Lambda.InvalidParameterValueException', 'FunctionName must be a string');
  const name = lambdaFunctionName(nameOrArn);
  const fn = functions.get(name);
  if (!fn) {
    throw new StatesError('Lambda.ResourceNotFoundException', `Function not found: ${nameOrArn} (no local handler registered under '${name}')`);
  }
  try {
    return await fn(payload, { functionName: name, awsRequestId: `local-${++requestCounter}` });
  } catch (err) {
    throw lambdaError(err);
  }
}

/**
 * Registers `lambda:invoke` (optimised integration: result wrapped with StatusCode/Payload) and
 * bare Lambda ARNs (result as is) over a map of in-process handlers keyed by function name.
 */
export function registerLocalLambdas(registry: IntegrationRegistry, functions: ReadonlyMap<string, LambdaHandler>): void {
  registry.register(LAMBDA_INVOKE_ARN, async (req) => {
    const input = (req.input ?? {}) as Record<string, unknown>;
    const payload = await invokeLocal(functions, input['FunctionName'], input['Payload']);
    return {
      ExecutedVersion: '$LATEST',
      Payload: payload === undefined ? null : payload,
      SdkHttpMetadata: { HttpStatusCode: 200 },
      SdkResponseMetadata: { RequestId: `local-${requestCounter}` },
      StatusCode: 200,
    };
  });
  registry.register(LAMBDA_FUNCTION_ARN_PATTERN, async (req) => {
    const out = await invokeLocal(functions, req.baseResource, req.input);
    return out === undefined ? null : out;
  });
}

export interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: unknown;
  EventBusName?: string;
  Resources?: string[];
  [key: string]: unknown;
}
export interface PutEventsResult {
  FailedEntryCount: number;
  Entries: { EventId?: string; ErrorCode?: string; ErrorMessage?: string }[];
}
/** Where `events:putEvents` entries go (a function, or the local EventBridge acting as the task's role). */
export type PutEventsSink = (entries: PutEventsEntry[], request: TaskRequest) => Promise<PutEventsResult> | PutEventsResult;

/**
 * Registers `events:putEvents[.waitForTaskToken]`: Detail objects are sent as JSON text, the
 * execution and state machine ARNs are appended to each entry's Resources, and a FailedEntryCount
 * above 0 fails the task with EventBridge.FailedEntry — as the AWS integration does.
 */
export function registerPutEvents(registry: IntegrationRegistry, sink: PutEventsSink): void {
  registry.register(EVENTS_PUT_EVENTS_ARN, async (req) => {
    const input = (req.input ?? {}) as { Entries?: unknown };
    if (!Array.isArray(input.Entries) || input.Entries.length === 0) {
      throw new StatesError(STATES_ERRORS.runtime, `State '${req.stateName}': events:putEvents needs a non-empty Entries array`);
    }
    const entries = (input.Entries as PutEventsEntry[]).map((e) => ({
      ...e,
      Detail: typeof e.Detail === 'string' ? e.Detail : JSON.stringify(e.Detail ?? {}),
      Resources: [...(e.Resources ?? []), req.executionArn, req.stateMachineArn],
    }));
    const result = await sink(entries, req);
    if (result.FailedEntryCount > 0) {
      throw new StatesError('EventBridge.FailedEntry', JSON.stringify(result));
    }
    return result;
  });
}
