/**
 * The subset of the Amazon States Language the patterns use, typed so a definition is built
 * as an object (and checked by tsc), never by string concatenation. JSONPath-mode fields only.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A payload template: keys ending in `.$` hold a path or intrinsic, the rest are literal. */
export type PayloadTemplate = { [key: string]: JsonValue };

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
}

interface StateBase {
  Comment?: string;
  InputPath?: string | null;
  OutputPath?: string | null;
}

type Transition = { Next: string; End?: never } | { End: true; Next?: never };

export type TaskState = StateBase &
  Transition & {
    Type: 'Task';
    Resource: string;
    Parameters?: PayloadTemplate;
    ResultSelector?: PayloadTemplate;
    ResultPath?: string | null;
    TimeoutSeconds: number;
    HeartbeatSeconds?: number;
    Retry?: Retrier[];
    Catch?: Catcher[];
  };

export type PassState = StateBase &
  Transition & {
    Type: 'Pass';
    Parameters?: PayloadTemplate;
    ResultPath?: string | null;
  };

export interface ProcessorDefinition {
  ProcessorConfig?: { Mode: 'INLINE' };
  StartAt: string;
  States: Record<string, State>;
}

export type MapState = StateBase &
  Transition & {
    Type: 'Map';
    ItemsPath: string;
    ItemSelector?: PayloadTemplate;
    ItemProcessor: ProcessorDefinition;
    MaxConcurrency?: number;
    ResultPath?: string | null;
    Retry?: Retrier[];
    Catch?: Catcher[];
  };

export type ParallelState = StateBase &
  Transition & {
    Type: 'Parallel';
    Branches: { StartAt: string; States: Record<string, State> }[];
    ResultPath?: string | null;
    Retry?: Retrier[];
    Catch?: Catcher[];
  };

export type State = TaskState | PassState | MapState | ParallelState;

export interface StateMachineDefinition {
  Comment?: string;
  StartAt: string;
  TimeoutSeconds?: number;
  States: Record<string, State>;
}
