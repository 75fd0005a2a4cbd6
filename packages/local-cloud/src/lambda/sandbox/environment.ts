import * as http from 'node:http';
import * as https from 'node:https';
import * as perfHooks from 'node:perf_hooks';
import * as realTimers from 'node:timers';
import * as realTimersPromises from 'node:timers/promises';
import type { Clock } from '../../core/clock';
import { EnvironmentHooks } from './async-hooks-shim';
import { EnvironmentTimers } from './environment-timers';
import { createModuleSystem, type CompiledPackage, type EnvironmentGlobals } from './module-loader';
import { consoleShim, LineWriter, processShim, type ConsoleLevel } from './process-shim';
import type { ScaledTime } from './scaled-time';

/** What an environment writes: a console call at a level, or a raw line on stdout/stderr. */
export type EnvironmentOutput = { kind: 'console'; level: ConsoleLevel; message: string } | { kind: 'line'; stream: 'stdout' | 'stderr'; line: string };

export interface ExecutionEnvironmentProps {
  readonly pkg: CompiledPackage;
  readonly handler: string;
  /** The environment's variables (the bundle may change them; `_X_AMZN_TRACE_ID` is set per invocation). */
  readonly env: Record<string, string>;
  readonly clock: Clock;
  readonly time: ScaledTime;
  readonly output: (out: EnvironmentOutput) => void;
}

export type HandlerFunction = (event: unknown, context: unknown, callback: (err?: unknown, result?: unknown) => void) => unknown;

/** http/https whose requests are destroyed when the environment is discarded (a frozen sandbox sends nothing more). */
function trackedHttp<T extends typeof http | typeof https>(mod: T, requests: Set<http.ClientRequest>): T {
  const track = (req: http.ClientRequest): http.ClientRequest => {
    requests.add(req);
    req.once('close', () => requests.delete(req));
    return req;
  };
  const request = (...args: unknown[]) => track((mod.request as (...a: unknown[]) => http.ClientRequest)(...args));
  const get = (...args: unknown[]) => track((mod.get as (...a: unknown[]) => http.ClientRequest)(...args));
  return { ...mod, request, get, default: { ...mod, request, get } } as T;
}

/**
 * One Lambda execution environment: the function's code loaded once into its own module
 * instances, globals and environment variables, running one invocation at a time. It shares the
 * host's V8 isolate (so a thousand of them fit in a few hundred MB), and owns its timers and
 * outgoing HTTP requests, so discarding it stops everything it had in flight.
 */
export class ExecutionEnvironment {
  private readonly timers: EnvironmentTimers;
  private readonly hooks = new EnvironmentHooks();
  private readonly requests = new Set<http.ClientRequest>();
  private readonly stdout: LineWriter;
  private readonly stderr: LineWriter;
  private handlerFn: HandlerFunction | undefined;
  private discarded = false;

  constructor(private readonly props: ExecutionEnvironmentProps) {
    this.timers = new EnvironmentTimers(props.clock);
    const sink = (line: string, stream: 'stdout' | 'stderr'): void => props.output({ kind: 'line', stream, line });
    this.stdout = new LineWriter(sink, 'stdout');
    this.stderr = new LineWriter(sink, 'stderr');
  }

  get isDiscarded(): boolean {
    return this.discarded;
  }

  /** Timers and requests the bundle still has pending (its event loop is not empty). */
  get pendingWork(): number {
    return this.timers.pending + this.requests.size;
  }

  /** The Init phase: evaluates the package and finds the handler. Throws what the runtime would report. */
  initialize(): void {
    const { props, timers } = this;
    const proc = processShim({ env: props.env, stdout: this.stdout, stderr: this.stderr, hrtime: props.time.hrtime });
    const cons = consoleShim((level, message) => props.output({ kind: 'console', level, message }));
    const own: Record<PropertyKey, unknown> = {
      process: proc,
      console: cons,
      setTimeout: timers.setTimeout,
      clearTimeout: timers.clearTimeout,
      setInterval: timers.setInterval,
      clearInterval: timers.clearInterval,
      setImmediate: timers.setImmediate,
      clearImmediate: timers.clearImmediate,
      Date: props.time.Date,
      performance: props.time.performance,
      awslambda: { streamifyResponse: () => Promise.reject(new Error('Response streaming is not supported by the local Lambda')) },
    };
    // Globals a bundle assigns stay in this environment; reads fall through to the host's.
    const globalProxy = new Proxy(globalThis, {
      get: (target, prop) => (prop in own ? own[prop] : Reflect.get(target, prop)),
      set: (_target, prop, value) => {
        own[prop] = value;
        return true;
      },
      has: (target, prop) => prop in own || prop in target,
      deleteProperty: (_target, prop) => delete own[prop],
    });
    own['global'] = globalProxy;
    own['globalThis'] = globalProxy;
    const timersModule = { ...realTimers, ...pick(own, ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate']), promises: { ...realTimersPromises, ...timers.promises } };
    const overrides = new Map<string, unknown>([
      ['timers', timersModule],
      ['timers/promises', { ...realTimersPromises, ...timers.promises }],
      ['perf_hooks', { ...perfHooks, performance: props.time.performance }],
      ['process', proc],
      ['console', cons],
      ['http', trackedHttp(http, this.requests)],
      ['https', trackedHttp(https, this.requests)],
      ['async_hooks', this.hooks.module()],
    ]);
    const modules = createModuleSystem(props.pkg, own as EnvironmentGlobals, overrides);
    this.handlerFn = this.hooks.run(() => modules.loadHandler(props.handler)) as HandlerFunction;
  }

  /** Runs the handler once: resolves with its result, rejects with what it threw or passed to its callback. */
  invoke(event: unknown, context: Record<string, unknown>): Promise<unknown> {
    const handler = this.handlerFn;
    if (!handler) return Promise.reject(new Error('environment not initialized'));
    return new Promise<unknown>((resolve, reject) => {
      let settled = false;
      const callback = (err?: unknown, result?: unknown): void => {
        if (settled) return;
        settled = true;
        if (err !== undefined && err !== null) reject(err);
        else resolve(result);
      };
      Object.assign(context, { done: callback, succeed: (r: unknown) => callback(null, r), fail: (e: unknown) => callback(e ?? new Error('failed')) });
      try {
        const returned = this.hooks.run(() => handler(event, context, callback));
        if (returned !== null && typeof returned === 'object' && typeof (returned as Promise<unknown>).then === 'function') {
          (returned as Promise<unknown>).then(
            (value) => callback(null, value),
            (err: unknown) => callback(err ?? new Error('Promise rejected without a reason')),
          );
        } else if (handler.length < 3) callback(null, returned);
      } catch (err) {
        callback(err);
      }
    });
  }

  /** Ends of an invocation: output a partial last line. */
  flush(): void {
    this.stdout.flush();
    this.stderr.flush();
  }

  /** The sandbox is gone: pending timers cancelled, requests in flight destroyed. */
  discard(): void {
    if (this.discarded) return;
    this.discarded = true;
    this.flush();
    this.timers.dispose();
    this.hooks.dispose();
    for (const req of this.requests) req.destroy(new Error('The execution environment was discarded'));
    this.requests.clear();
    this.handlerFn = undefined;
  }
}

function pick(source: Record<PropertyKey, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, source[k]]));
}
