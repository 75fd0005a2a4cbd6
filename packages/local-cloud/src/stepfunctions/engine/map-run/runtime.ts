import type { Authorizer } from '../../../core/authorizer';
import type { S3Port } from '../../../core/ports';
import type { LaunchedExecution } from '../execution';
import type { StateMachineRecord } from '../state-machines';
import type { MapRunStore } from './map-run-store';

/** One child execution to start. */
export interface ChildLaunch {
  machine: StateMachineRecord;
  executionArn: string;
  name: string;
  /** The child's input as JSON text, and parsed. */
  input: string;
  parsedInput: unknown;
  /** The parent's trace (`Root=…;Sampled=1`): children continue it. */
  traceHeader: string | undefined;
  mapRunArn: string;
  itemCount: number;
}

/** What a Distributed Map needs from the engine around it. */
export interface DistributedRuntime {
  /** ItemReader and ResultWriter go through it, as the state machine's role; absent, they fail. */
  readonly s3: S3Port | undefined;
  /** Asked whether the role may `states:StartExecution` the parent state machine (AWS requires it). */
  readonly authorizer: Authorizer;
  readonly mapRuns: MapRunStore;
  /** Starts a child and registers it for DescribeExecution and ListExecutions by Map Run. */
  launchChild(launch: ChildLaunch): LaunchedExecution;
}
