import { App } from 'cdktf';
import type { InfraConfig } from './config';
import { type LambdaBundle, PATTERN_IDS, type PatternId } from './constants';
import { DistributedMapStack } from './stacks/distributed-map-stack';
import { MapEventBridgeCallbackStack } from './stacks/map-eventbridge-callback-stack';
import { MapInParallelStack } from './stacks/map-in-parallel-stack';

export interface BuildAppOptions {
  readonly config: InfraConfig;
  /** cdktf's output folder (default: cdktf.out, or what the cdktf CLI asks for). */
  readonly outdir?: string;
  readonly bundleDirs?: Partial<Record<LambdaBundle, string>>;
  /** Stacks to define (default all three): tests synthesize one at a time. */
  readonly patterns?: readonly PatternId[];
}

export interface FanoutApp {
  app: App;
  mapInParallel?: MapInParallelStack;
  mapEventBridgeCallback?: MapEventBridgeCallbackStack;
  distributedMap?: DistributedMapStack;
}

/** One stack per pattern, so a user deploys any of them. */
export function buildApp(options: BuildAppOptions): FanoutApp {
  const app = new App(options.outdir === undefined ? {} : { outdir: options.outdir });
  const patterns = options.patterns ?? PATTERN_IDS;
  const props = { config: options.config, ...(options.bundleDirs === undefined ? {} : { bundleDirs: options.bundleDirs }) };
  const result: FanoutApp = { app };
  if (patterns.includes('map-in-parallel')) result.mapInParallel = new MapInParallelStack(app, props);
  if (patterns.includes('map-eventbridge-callback')) result.mapEventBridgeCallback = new MapEventBridgeCallbackStack(app, props);
  if (patterns.includes('distributed-map')) result.distributedMap = new DistributedMapStack(app, props);
  return result;
}
