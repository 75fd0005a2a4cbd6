import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock';
import type { LogsPort } from '../core/ports';
import { startLambdaTrace } from '../xray/lambda-trace';
import type { XRay } from '../xray/xray';
import type { ConcurrencyGovernor } from './concurrency';
import { LATEST, SCALING_RATE } from './constants';
import type { DeployedFunction, EnvironmentSlot, IdleEnvironment } from './deployed-function';
import { billedMs, consoleLine, endLine, reportLine, startLine, timeoutLine, type ReportMetrics } from './platform-log';
import { responseTooLargePayload, runtimeErrorPayload, timeoutPayload, type RuntimeErrorPayload } from './runtime-errors';
import { ExecutionEnvironment, type EnvironmentOutput } from './sandbox/environment';
import type { ScaledTime } from './sandbox/scaled-time';

export interface InvocationServices {
  readonly clock: Clock;
  readonly time: ScaledTime;
  readonly governor: ConcurrencyGovernor;
  readonly logs: LogsPort | undefined;
  /** Where the function's own segments go (AWS::Lambda, AWS::Lambda::Function). */
  readonly xray: XRay | undefined;
  readonly region: string;
  readonly endpointUrl: () => string | undefined;
  readonly xrayDaemonAddress: () => string | undefined;
  readonly idleEnvironmentMs: number;
  readonly responseLimitBytes: number;
}

export type InvocationOutcome =
  | { readonly kind: 'throttled'; readonly reason: string }
  | {
      readonly kind: 'completed';
      readonly requestId: string;
      /** The response payload: the handler's result, or the runtime's error JSON. */
      readonly payload: string;
      readonly error: RuntimeErrorPayload | undefined;
      readonly timedOut: boolean;
      readonly coldStart: boolean;
      /** The last 4 KB of this invocation's log lines. */
      readonly logTail: string;
    };

function streamName(atMs: number): string {
  return `${new Date(atMs).toISOString().slice(0, 10).replace(/-/g, '/')}/[${LATEST}]${randomBytes(16).toString('hex')}`;
}

/** What every environment of the function sees in process.env besides its own variables. */
function runtimeVariables(fn: DeployedFunction, s: InvocationServices, stream: string): Record<string, string> {
  const vars: Record<string, string> = {
    ...fn.settings.environment,
    AWS_REGION: s.region,
    AWS_DEFAULT_REGION: s.region,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.settings.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: LATEST,
    AWS_LAMBDA_LOG_GROUP_NAME: fn.settings.logGroup,
    AWS_LAMBDA_LOG_STREAM_NAME: stream,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.settings.runtime}`,
    AWS_ACCESS_KEY_ID: fn.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: fn.credentials.secretAccessKey,
    AWS_SESSION_TOKEN: fn.credentials.sessionToken,
    LAMBDA_TASK_ROOT: '/var/task',
    LAMBDA_RUNTIME_DIR: '/var/runtime',
    _HANDLER: fn.settings.handler,
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
  };
  if (fn.settings.logFormat === 'JSON') vars['AWS_LAMBDA_LOG_FORMAT'] = 'JSON';
  const endpoint = s.endpointUrl();
  if (endpoint !== undefined) vars['AWS_ENDPOINT_URL'] = endpoint;
  const daemon = s.xrayDaemonAddress();
  if (daemon !== undefined) {
    vars['AWS_XRAY_DAEMON_ADDRESS'] = daemon;
    const [host, port] = daemon.split(':');
    vars['_AWS_XRAY_DAEMON_ADDRESS'] = host ?? '127.0.0.1';
    vars['_AWS_XRAY_DAEMON_PORT'] = port ?? '2000';
  }
  return vars;
}


const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

function createEnvironment(fn: DeployedFunction, s: InvocationServices): EnvironmentSlot {
  const stream = streamName(s.clock.now());
  const running: EnvironmentSlot = { env: undefined as unknown as ExecutionEnvironment, stream, vars: runtimeVariables(fn, s, stream), requestId: undefined, tail: undefined };
  const minLevel = LEVELS.indexOf(fn.settings.applicationLogLevel ?? 'TRACE');
  const write = (message: string): void => {
    const at = s.clock.now();
    running.tail?.push(message);
    s.logs?.putLogEvents(fn.settings.logGroup, stream, [{ timestamp: at, message }]);
  };
  const output = (out: EnvironmentOutput): void => {
    if (out.kind === 'line') write(out.line);
    else if (fn.settings.logFormat === 'Text' || LEVELS.indexOf(out.level) >= minLevel) write(consoleLine(fn.settings.logFormat, s.clock.now(), running.requestId, out.level, out.message));
  };
  running.env = new ExecutionEnvironment({ pkg: fn.compiled, handler: fn.settings.handler, env: running.vars, clock: s.clock, time: s.time, output });
  return running;
}

/** Keeps a warm environment for the next invocation, until Lambda would reclaim it. */
function park(fn: DeployedFunction, running: EnvironmentSlot, revision: string, s: InvocationServices): void {
  if (running.env.isDiscarded || fn.deleted || fn.revisionId !== revision) {
    running.env.discard();
    fn.environments.delete(running.env);
    return;
  }
  const idle: IdleEnvironment = { slot: running, cancelReclaim: () => undefined };
  idle.cancelReclaim = s.clock.schedule(s.idleEnvironmentMs, () => {
    const i = fn.idle.indexOf(idle);
    if (i < 0) return;
    fn.idle.splice(i, 1);
    idle.slot.env.discard();
    fn.environments.delete(idle.slot.env);
  });
  fn.idle.push(idle);
}

/**
 * One invocation: a unit of concurrency, a warm environment or a cold one (Init), the handler
 * raced against the function's timeout, the platform's log lines, and the environment kept
 * warm or discarded (after a timeout or a crash, as Lambda does).
 */
export async function invokeFunction(fn: DeployedFunction, payload: string, s: InvocationServices, traceHeader?: string): Promise<InvocationOutcome> {
  const requestId = randomUUID();
  // Lambda sets a trace header on every invocation: the caller's, else a new one (sampled when tracing is Active).
  const trace = startLambdaTrace({ functionName: fn.name, functionArn: fn.arn, mode: fn.settings.tracingMode, upstreamHeader: traceHeader, receivedAtMs: s.clock.now(), requestId });
  const unit = s.governor.tryAcquire(fn.name);
  if (!unit.ok) {
    fn.metrics.Throttles++;
    if (s.xray) trace.record(s.xray, { throttled: true });
    return { kind: 'throttled', reason: unit.reason };
  }
  const warm = fn.idle.pop();
  if (!warm && !takeScalingToken(fn, s.clock.now())) {
    fn.metrics.Throttles++;
    unit.release();
    if (s.xray) trace.record(s.xray, { throttled: true });
    return { kind: 'throttled', reason: 'FunctionScalingRateExceeded' };
  }
  fn.busy++;
  fn.metrics.ConcurrentExecutionsPeak = Math.max(fn.metrics.ConcurrentExecutionsPeak, fn.busy);
  fn.metrics.Invocations++;
  const revision = fn.revisionId;
  const format = fn.settings.logFormat;
  let running: EnvironmentSlot;
  let initDurationMs: number | undefined;
  let initStartMs = 0;
  let error: RuntimeErrorPayload | undefined;
  let timedOut = false;
  if (warm) {
    warm.cancelReclaim();
    // The same slot: the environment's console output is attributed through it.
    running = warm.slot;
  } else {
    running = createEnvironment(fn, s);
    fn.environments.add(running.env);
    fn.metrics.EnvironmentsCreated++;
    fn.metrics.ColdStarts++;
    fn.metrics.EnvironmentsPeak = Math.max(fn.metrics.EnvironmentsPeak, fn.environments.size);
    initStartMs = s.clock.now();
    try {
      running.env.initialize();
    } catch (err) {
      error = runtimeErrorPayload(err);
    }
    initDurationMs = s.clock.now() - initStartMs;
  }
  running.requestId = requestId;
  running.tail = [];
  const log = (line: string): void => {
    running.tail?.push(line);
    s.logs?.putLogEvents(fn.settings.logGroup, running.stream, [{ timestamp: s.clock.now(), message: line }]);
  };
  const started = s.clock.now();
  log(startLine(format, started, requestId, LATEST));
  running.vars['_X_AMZN_TRACE_ID'] = trace.header;
  let responseText = 'null';
  if (error === undefined) {
    const timeoutMs = fn.settings.timeoutSeconds * 1000;
    const context: Record<string, unknown> = {
      awsRequestId: requestId,
      functionName: fn.name,
      functionVersion: LATEST,
      invokedFunctionArn: fn.arn,
      memoryLimitInMB: String(fn.settings.memoryMb),
      logGroupName: fn.settings.logGroup,
      logStreamName: running.stream,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, Math.round(started + timeoutMs - s.clock.now())),
    };
    let cancelTimeout = (): void => undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      cancelTimeout = s.clock.schedule(timeoutMs, () => resolve('timeout'));
    });
    try {
      const result = await Promise.race([running.env.invoke(JSON.parse(payload) as unknown, context).then((value) => ({ value })), timeout]);
      if (result === 'timeout') {
        timedOut = true;
        error = timeoutPayload(requestId, fn.settings.timeoutSeconds);
        log(timeoutLine(format, s.clock.now(), requestId, fn.settings.timeoutSeconds));
      } else {
        const text = JSON.stringify(result.value) ?? 'null';
        if (Buffer.byteLength(text) > s.responseLimitBytes) error = responseTooLargePayload(Buffer.byteLength(text), s.responseLimitBytes);
        else responseText = text;
      }
    } catch (err) {
      error = runtimeErrorPayload(err);
    } finally {
      cancelTimeout();
    }
  }
  if (error !== undefined) {
    responseText = JSON.stringify(error);
    fn.metrics.Errors++;
    if (timedOut) fn.metrics.Timeouts++;
    else log(consoleLine(format, s.clock.now(), requestId, 'ERROR', `Invoke Error \t${responseText}`));
    // After a timeout, a crash or a failed Init, the sandbox is not reused.
    if (timedOut || initDurationMs !== undefined || error.errorType.startsWith('Runtime.')) running.env.discard();
  }
  running.env.flush();
  const ended = s.clock.now();
  log(endLine(format, ended, requestId));
  const metrics: ReportMetrics = {
    durationMs: Math.round((ended - started) * 100) / 100,
    billedDurationMs: billedMs(ended - started),
    memorySizeMb: fn.settings.memoryMb,
    maxMemoryUsedMb: estimatedMemoryMb(fn),
    status: timedOut ? 'timeout' : error ? 'error' : 'success',
  };
  if (initDurationMs !== undefined) metrics.initDurationMs = Math.round(initDurationMs * 100) / 100;
  log(reportLine(format, ended, requestId, metrics));
  if (s.xray) {
    const errorInfo = error ? { type: error.errorType, message: error.errorMessage } : undefined;
    trace.record(s.xray, {
      init: initDurationMs === undefined ? undefined : { startMs: initStartMs, endMs: initStartMs + initDurationMs },
      invocation: { startMs: started, endMs: ended },
      endMs: ended,
      functionError: errorInfo,
    });
  }
  const tail = running.tail;
  running.tail = undefined;
  fn.busy--;
  unit.release();
  park(fn, running, revision, s);
  return { kind: 'completed', requestId, payload: responseText, error, timedOut, coldStart: !warm, logTail: tailOf(tail) };
}

/** One new environment from the function's scaling rate (1,000 in hand at most, 100 more each second). */
function takeScalingToken(fn: DeployedFunction, nowMs: number): boolean {
  const b = fn.scaling;
  b.tokens = Math.min(SCALING_RATE.burst, b.tokens + ((nowMs - b.atMs) / 1000) * SCALING_RATE.perSecond);
  b.atMs = nowMs;
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

/** The Node.js runtime's floor plus the package held in memory: an estimate, not a measurement. */
function estimatedMemoryMb(fn: DeployedFunction): number {
  return Math.min(fn.settings.memoryMb, Math.ceil(45 + (fn.code.size * 3) / (1024 * 1024)));
}

function tailOf(lines: string[]): string {
  const text = lines.join('\n') + '\n';
  const bytes = Buffer.from(text, 'utf8');
  return bytes.subarray(Math.max(0, bytes.length - 4096)).toString('base64');
}
