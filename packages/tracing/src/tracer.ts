import { type Logger, createLogger } from '@fanout/lambda-log';
import type * as XRay from 'aws-xray-sdk-core';

/**
 * The one module that knows X-Ray. Handlers speak only of "trace this computation" and "trace
 * this AWS client", so replacing aws-xray-sdk-core (in maintenance since 2026-02) by
 * OpenTelemetry changes this file and nothing else.
 *
 * Loading aws-xray-sdk-core costs tens of milliseconds (see packages/lambda-bundler bench), so it
 * is required only when an invocation carries a sampled trace header, and then after the
 * computation has armed its timer: the load overlaps the case's wait instead of delaying it.
 * The subsegment is therefore recorded when the computation ends, with its real start time.
 */

type XRaySdk = typeof XRay;
/** What captureAWSv3Client accepts: any AWS SDK v3 client. */
export type AwsClient = Parameters<XRaySdk['captureAWSv3Client']>[0];

export interface TraceIds {
  requestId: string;
  caseId: string;
}

export interface Tracer {
  /** Runs `work` inside a `computing` subsegment annotated with requestId, with caseId as metadata. */
  traceComputing<T>(ids: TraceIds, work: () => Promise<T>): Promise<T>;
  /** Call before using the client: wraps it with captureAWSv3Client once tracing is on. */
  traceAwsClient<T extends AwsClient>(client: T): T;
}

export interface TracerProps {
  logger?: Logger;
  /** Whether the current invocation is traced; default: a sampled Lambda trace header. */
  isActive?: () => boolean;
  /** How aws-xray-sdk-core is loaded; default a lazy require (bundled, evaluated on first use). */
  load?: () => XRaySdk;
}

export const COMPUTING_SUBSEGMENT = 'computing';

interface InvokeStoreGlobal {
  awslambda?: { InvokeStore?: { getXRayTraceId?: () => string | undefined } };
}

/** The trace header of the current invocation: Lambda's invoke store (concurrent runtimes), else the env var. */
export function currentTraceHeader(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const store = (globalThis as InvokeStoreGlobal).awslambda?.InvokeStore;
  return store?.getXRayTraceId?.() ?? env['_X_AMZN_TRACE_ID'];
}

/**
 * Traced when the header asks for sampling. Unsampled invocations (PassThrough, local runs, tests)
 * never load the SDK. AWS_XRAY_SDK_ENABLED=false turns tracing off, as it does in the SDK.
 */
export function sampledTraceActive(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env['AWS_XRAY_SDK_ENABLED']?.toLowerCase() === 'false') return false;
  return /(^|;)\s*Sampled=1\b/.test(currentTraceHeader(env) ?? '');
}

function lazyRequireXRay(): XRaySdk {
  // A require inside a function: esbuild keeps the module in the bundle but evaluates it only here.
  return require('aws-xray-sdk-core') as XRaySdk;
}

export function createTracer(props: TracerProps = {}): Tracer {
  const logger = props.logger ?? createLogger({ fields: { component: 'tracing' } });
  const isActive = props.isActive ?? (() => sampledTraceActive());
  const load = props.load ?? lazyRequireXRay;
  const captured = new WeakSet<object>();
  let sdk: XRaySdk | undefined;
  let loadFailed = false;
  /** Ids of the case being recorded, so the SDK's own log lines about it carry them too. */
  let recording: Partial<TraceIds> = {};

  /** Loads and configures the SDK once; tracing trouble is logged, never thrown into the work. */
  const xray = (): XRaySdk | undefined => {
    if (sdk || loadFailed) return sdk;
    try {
      const loaded = load();
      // The SDK's info messages are start-up chatter: kept at debug.
      const forward = (level: 'debug' | 'warn' | 'error') => (...args: unknown[]) =>
        logger[level](args.map(String).join(' '), { source: 'aws-xray-sdk-core', ...recording });
      loaded.setLogger({ debug: forward('debug'), info: forward('debug'), warn: forward('warn'), error: forward('error') });
      // No segment (a local run, a test, code outside a handler) must not crash the computation.
      loaded.setContextMissingStrategy((message: string) => logger.warn('X-Ray context missing; not traced', { detail: message, ...recording }));
      sdk = loaded;
    } catch (error) {
      loadFailed = true;
      logger.error('X-Ray SDK could not be loaded; tracing off', { error });
    }
    return sdk;
  };

  const record = (ids: TraceIds, startedAtMs: number, outcome: unknown): void => {
    const loaded = xray();
    if (!loaded) return;
    recording = ids;
    try {
      const segment = loaded.getSegment();
      if (!segment) return;
      const sub = segment.addNewSubsegment(COMPUTING_SUBSEGMENT);
      sub.start_time = startedAtMs / 1000;
      // requestId is indexed (an annotation: traces can be searched by it); caseId is metadata.
      // X-Ray indexes at most 50 annotations per trace, and one execution is one trace: a caseId
      // annotation per case would pass that after 49 cases. The JSON log lines carry both.
      sub.addAnnotation('requestId', ids.requestId);
      sub.addMetadata('caseId', ids.caseId);
      if (outcome === undefined) sub.close();
      else sub.close(outcome instanceof Error ? outcome : String(outcome));
    } catch (error) {
      logger.warn('could not record the computing subsegment', { error, ...ids });
    } finally {
      recording = {};
    }
  };

  return {
    async traceComputing<T>(ids: TraceIds, work: () => Promise<T>): Promise<T> {
      if (!isActive()) return work();
      const startedAtMs = Date.now();
      // setImmediate: the load runs after `work` has started (and armed its timer).
      const loading = new Promise<void>((resolve) => setImmediate(() => resolve(void xray())));
      try {
        const result = await work();
        await loading;
        record(ids, startedAtMs, undefined);
        return result;
      } catch (error) {
        await loading;
        record(ids, startedAtMs, error ?? 'unknown error');
        throw error;
      }
    },

    traceAwsClient<T extends AwsClient>(client: T): T {
      if (captured.has(client) || !isActive()) return client;
      const loaded = xray();
      if (!loaded) return client;
      captured.add(client);
      return loaded.captureAWSv3Client(client);
    },
  };
}
