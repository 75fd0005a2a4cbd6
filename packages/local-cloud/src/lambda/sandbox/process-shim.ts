import { format } from 'node:util';

/** Where an environment's output goes: one call per complete line, with the stream it came from. */
export type LineSink = (line: string, stream: 'stdout' | 'stderr') => void;

/** Thrown inside the bundle when it calls process.exit: the runtime reports Runtime.ExitError. */
export class ProcessExitError extends Error {
  override readonly name = 'Runtime.ExitError';
  constructor(readonly exitCode: number) {
    super(`RequestId: (current) Error: Runtime exited with error: exit status ${exitCode}`);
  }
}

/** A writable that cuts what it is given into lines (a partial last line waits for the next write). */
export class LineWriter {
  private partial = '';
  constructor(
    private readonly sink: LineSink,
    private readonly stream: 'stdout' | 'stderr',
  ) {}
  readonly isTTY = false;
  readonly writable = true;
  write = (chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk);
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.sink(line, this.stream);
    const cb = typeof encoding === 'function' ? encoding : callback;
    if (typeof cb === 'function') queueMicrotask(() => (cb as () => void)());
    return true;
  };
  /** Flushes a partial line (the end of an invocation). */
  flush(): void {
    if (this.partial !== '') this.sink(this.partial, this.stream);
    this.partial = '';
  }
  on(): this {
    return this;
  }
  once(): this {
    return this;
  }
  end(): void {
    this.flush();
  }
}

export interface ProcessShimProps {
  env: Record<string, string>;
  stdout: LineWriter;
  stderr: LineWriter;
  hrtime: NodeJS.HRTime;
}

/**
 * The `process` a bundle sees: the real one, but with the environment's own `env`, output
 * captured line by line, a simulated `hrtime`, and `exit` turned into an error (one environment
 * must not end the local cloud).
 */
export function processShim(props: ProcessShimProps): NodeJS.Process {
  const bound = new Map<PropertyKey, unknown>();
  /** What the bundle assigns (`process.namespaces = {}`, …) stays in its environment. */
  const own = new Map<PropertyKey, unknown>();
  const exit = (code?: number): never => {
    throw new ProcessExitError(code ?? 0);
  };
  // As on Lambda, a warning goes to the function's log (its stderr), not to the host's.
  const emitWarning = (warning: string | Error, type?: unknown): void => {
    const name = warning instanceof Error ? warning.name : typeof type === 'string' ? type : typeof type === 'object' && type !== null && 'type' in type ? String((type as { type: unknown }).type) : 'Warning';
    const message = warning instanceof Error ? warning.message : warning;
    props.stderr.write(`(node:${process.pid}) ${name}: ${message}\n`);
  };
  return new Proxy(process, {
    get(target, prop) {
      switch (prop) {
        case 'env':
          return props.env;
        case 'stdout':
          return props.stdout;
        case 'stderr':
          return props.stderr;
        case 'hrtime':
          return props.hrtime;
        case 'exit':
        case 'reallyExit':
        case 'abort':
          return exit;
        case 'emitWarning':
          return emitWarning;
      }
      if (own.has(prop)) return own.get(prop);
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      let fn = bound.get(prop);
      if (fn === undefined) {
        fn = (value as (...a: unknown[]) => unknown).bind(target);
        bound.set(prop, fn);
      }
      return fn;
    },
    set(_target, prop, value) {
      if (prop === 'env') return false;
      own.set(prop, value);
      return true;
    },
    has: (target, prop) => own.has(prop) || prop in target,
    deleteProperty: (_target, prop) => own.delete(prop),
  });
}

export type ConsoleLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';

/** The runtime's console: each call one log record at its level (the formatting is the log format's). */
export function consoleShim(emit: (level: ConsoleLevel, message: string) => void): Console {
  const at =
    (level: ConsoleLevel) =>
    (...args: unknown[]): void =>
      emit(level, format(...args));
  const shim = {
    log: at('INFO'),
    info: at('INFO'),
    warn: at('WARN'),
    error: at('ERROR'),
    debug: at('DEBUG'),
    trace: at('TRACE'),
    dir: (obj: unknown) => emit('INFO', format('%O', obj)),
    table: at('INFO'),
    assert: (cond: unknown, ...args: unknown[]) => {
      if (!cond) emit('ERROR', format('Assertion failed', ...args));
    },
    time: () => undefined,
    timeEnd: () => undefined,
    timeLog: () => undefined,
    count: () => undefined,
    countReset: () => undefined,
    group: () => undefined,
    groupEnd: () => undefined,
    groupCollapsed: () => undefined,
  };
  return Object.assign(Object.create(console) as Console, shim);
}
