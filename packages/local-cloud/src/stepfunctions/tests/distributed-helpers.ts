import { Clock } from '../../core/clock';
import { EXTERNAL_CALLER } from '../../core/caller';
import { S3Model } from '../../s3';
import type { LambdaHandler, StepFunctionsEngine, StepFunctionsEngineProps } from '../../index';
import { makeEngine, single } from './helpers';

export type ChildType = 'EXPRESS' | 'STANDARD';

/** A lambda:invoke task whose state output is the function's result. */
export const invoke = (fn = 'compute', next?: string): Record<string, unknown> => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: fn, 'Payload.$': '$' },
  OutputPath: '$.Payload',
  ...(next === undefined ? { End: true } : { Next: next }),
});

/** A one-state machine: a Distributed Map named M over `processor` (default: invoke `compute`). */
export function distributedMap(fields: Record<string, unknown>, type: ChildType = 'EXPRESS', processor: Record<string, unknown> = { StartAt: 'C', States: { C: invoke() } }): unknown {
  return single({ Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: type }, ...processor }, ...fields });
}

/** `{ requests: [{caseId:'0'}, …] }`, the seeds' flat shape without `length`. */
export const cases = (n: number, extra: (i: number) => Record<string, unknown> = () => ({})): { requests: Record<string, unknown>[] } => ({
  requests: Array.from({ length: n }, (_, i) => ({ caseId: String(i), ...extra(i) })),
});

/** Counts how many calls of a handler run at once. */
export function concurrencyProbe(work: (event: Record<string, unknown>) => Promise<unknown> | unknown) {
  let running = 0;
  let peak = 0;
  let calls = 0;
  const handler: LambdaHandler = async (event) => {
    running++;
    calls++;
    peak = Math.max(peak, running);
    try {
      return await work(event as Record<string, unknown>);
    } finally {
      running--;
    }
  };
  return { handler, peak: () => peak, calls: () => calls };
}

export interface S3Rig {
  engine: StepFunctionsEngine;
  s3: S3Model;
  put(key: string, body: string): Promise<void>;
  get(key: string): Promise<string>;
  keys(prefix?: string): Promise<string[]>;
  close(): void;
}

export const BUCKET = 'cases-bucket';

/** An engine on a 1000× clock with the real in-memory S3 model as its S3, and a bucket in it. */
export function s3Rig(lambdas: Record<string, LambdaHandler> = {}, props: StepFunctionsEngineProps = {}, s3Props: Partial<ConstructorParameters<typeof S3Model>[0]> = {}): S3Rig {
  const clock = new Clock({ timeScale: 1000 });
  const s3 = new S3Model({ clock, ...s3Props });
  s3.buckets.create({ name: BUCKET, caller: EXTERNAL_CALLER });
  const engine = makeEngine(lambdas, { clock, s3, ...props });
  return {
    engine,
    s3,
    put: async (key, body) => void (await s3.putObject(BUCKET, key, body, EXTERNAL_CALLER)),
    get: async (key) => (await s3.getObject(BUCKET, key, EXTERNAL_CALLER)).body.toString('utf8'),
    keys: async (prefix = '') => (await s3.listObjects(BUCKET, prefix, EXTERNAL_CALLER)).map((o) => o.key),
    close: () => {
      engine.stop();
      s3.close();
    },
  };
}
