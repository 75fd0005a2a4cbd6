/** Amazon States Language (JSONPath query language) as the engine reads it; validated first. */
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

export interface StateDefinition {
  Type: 'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';
  Comment?: string;
  Next?: string;
  End?: boolean;
  InputPath?: string | null;
  OutputPath?: string | null;
  ResultPath?: string | null;
  Parameters?: unknown;
  ResultSelector?: unknown;
  Result?: unknown;
  Retry?: Retrier[];
  Catch?: Catcher[];
  // Task
  Resource?: string;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: number;
  HeartbeatSecondsPath?: string;
  // Choice
  Choices?: Record<string, unknown>[];
  Default?: string;
  // Wait
  Seconds?: number;
  SecondsPath?: string;
  Timestamp?: string;
  TimestampPath?: string;
  // Fail
  Error?: string;
  ErrorPath?: string;
  Cause?: string;
  CausePath?: string;
  // Parallel
  Branches?: StateMachineDefinition[];
  // Map
  ItemsPath?: string;
  ItemSelector?: unknown;
  ItemProcessor?: StateMachineDefinition & { ProcessorConfig?: { Mode?: string; ExecutionType?: string } };
  Iterator?: StateMachineDefinition;
  MaxConcurrency?: number;
  MaxConcurrencyPath?: string;
}

export interface StateMachineDefinition {
  Comment?: string;
  StartAt: string;
  States: Record<string, StateDefinition>;
  TimeoutSeconds?: number;
  Version?: string;
  QueryLanguage?: string;
}
