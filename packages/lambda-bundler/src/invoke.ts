import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/**
 * Runs in a fresh Node process: requires the bundle (timed), then calls its handler once per
 * event, in order, like one warm execution environment. Results go to fd 3 so the handler's own
 * log lines on stdout never mix with them.
 */
const RUNNER = `
const fs = require('node:fs');
const ms = (a, b) => Number(b - a) / 1e6;
// Exit once idle, or after a grace period if keep-alive sockets hold the loop open; the grace
// lets fire-and-forget work (the X-Ray SDK's UDP send) finish, as it would in a frozen Lambda.
const out = (o) => { fs.writeSync(3, JSON.stringify(o)); fs.closeSync(3); setTimeout(() => process.exit(0), 250).unref(); };
const util = require('node:util');
// What the Node Lambda runtime reports for a thrown value (its error response body, which a
// Step Functions lambda:invoke task records as the Cause): for an Error, errorType = name,
// errorMessage = message, trace = stack split into lines; an Error without a stack is reported
// as errorType "handled" (the runtime cannot read it); anything else by its typeof.
const runtimeError = (e) => {
  const errorLike = util.types.isNativeError(e) || (e && [e.name, e.message, e.stack].every((f) => typeof f === 'string' && f));
  if (!errorLike) return { errorType: typeof e, errorMessage: String(e), trace: [] };
  if (typeof e.stack !== 'string' || !e.stack) return { errorType: 'handled', errorMessage: '(error without a stack)' };
  return { errorType: e.name, errorMessage: e.message, trace: e.stack.split('\\n') };
};
const fail = (e) => ({ name: e && e.name, message: e && e.message, stack: e && e.stack });
(async () => {
  const t0 = process.hrtime.bigint();
  let mod;
  try { mod = require(process.env.LAMBDA_BUNDLER_BUNDLE); } catch (e) { out({ loadError: fail(e) }); return; }
  const loadMs = ms(t0, process.hrtime.bigint());
  const invocations = [];
  for (const event of JSON.parse(process.env.LAMBDA_BUNDLER_EVENTS)) {
    const s = process.hrtime.bigint();
    try {
      const value = await mod.handler(event, { awsRequestId: 'invoke-' + invocations.length });
      invocations.push({ ok: true, value, ms: ms(s, process.hrtime.bigint()) });
    } catch (e) {
      invocations.push({ ok: false, error: fail(e), cause: JSON.stringify(runtimeError(e)), ms: ms(s, process.hrtime.bigint()) });
    }
  }
  out({ loadMs, invocations });
})();
`;

export interface InvokeBundleProps {
  /** Absolute path of the built bundle (index.js). */
  bundle: string;
  events: unknown[];
  /** Added to the current environment (AWS_ENDPOINT_URL_SFN, COMPUTE_MS, …). */
  env?: Record<string, string>;
  /** The child is killed after this long; default 30 s. */
  timeoutMs?: number;
}

export interface Invocation {
  ok: boolean;
  value?: unknown;
  error?: { name?: string; message?: string; stack?: string };
  /**
   * For a thrown error: the JSON the Node Lambda runtime reports for it
   * (`{errorType, errorMessage, trace}`, trace = stack lines), which a Step Functions
   * `lambda:invoke` task records as the error's Cause.
   */
  cause?: string;
  /** Time of this handler call. */
  ms: number;
}

export interface InvokeBundleResult {
  /** Time to require the bundle (module load), in ms. */
  loadMs: number;
  invocations: Invocation[];
  stdout: string;
  stderr: string;
}

function collect(stream: Readable | null): Promise<string> {
  return new Promise((resolve) => {
    if (!stream) return resolve('');
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** Loads a built Lambda bundle in a fresh process and invokes its `handler` with each event. */
export async function invokeBundle(props: InvokeBundleProps): Promise<InvokeBundleResult> {
  const child = spawn(process.execPath, ['-e', RUNNER], {
    env: { ...process.env, ...props.env, LAMBDA_BUNDLER_BUNDLE: props.bundle, LAMBDA_BUNDLER_EVENTS: JSON.stringify(props.events) },
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), props.timeoutMs ?? 30_000);
  const [stdout, stderr, result, code] = await Promise.all([
    collect(child.stdout),
    collect(child.stderr),
    collect(child.stdio[3] as Readable),
    new Promise<number | null>((resolve) => child.on('close', resolve)),
  ]);
  clearTimeout(timer);
  if (!result) throw new Error(`${props.bundle}: the runner exited (code ${code}) without a result; stderr:\n${stderr}`);
  const parsed = JSON.parse(result) as { loadError?: { name?: string; message?: string }; loadMs: number; invocations: Invocation[] };
  if (parsed.loadError) throw new Error(`${props.bundle}: require failed: ${parsed.loadError.name}: ${parsed.loadError.message}`);
  return { loadMs: parsed.loadMs, invocations: parsed.invocations, stdout, stderr };
}
