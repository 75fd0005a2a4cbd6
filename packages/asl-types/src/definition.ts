/**
 * Amazon States Language, JSONPath query language, typed so a definition is built as an object
 * and checked by tsc. Strict where the project writes definitions (infra): states are a union
 * discriminated by `Type`, a Task must state its timeout, a state has exactly one of Next / End,
 * and "X or XPath" pairs exclude each other. JSONata is out of scope.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A payload template: keys ending in `.$` hold a path or intrinsic, the rest are literal. */
export type PayloadTemplate = { [key: string]: JsonValue };

/** Exactly one side's fields, the other side's forbidden (ASL's "X or XPath" choices). */
type OneOf<A, B> = (A & { [K in keyof B]?: never }) | (B & { [K in keyof A]?: never });

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

/** A non-terminal state goes on to `Next` or ends its machine: one of the two, never both. */
export type Transition = { Next: string; End?: never } | { End: true; Next?: never };

/** Choice, Succeed and Fail have no transition of their own. */
interface NoTransition {
  Next?: never;
  End?: never;
}

/** Fields of the states that run work and may retry / catch it. */
interface ErrorHandling {
  ResultSelector?: PayloadTemplate;
  ResultPath?: string | null;
  Retry?: Retrier[];
  Catch?: Catcher[];
}

export type PassState = StateBase &
  Transition & {
    Type: 'Pass';
    Parameters?: PayloadTemplate;
    /** Replaces the effective input as the state's result. */
    Result?: JsonValue;
    ResultPath?: string | null;
  };

/**
 * `TimeoutSeconds` is required on purpose: ASL's default is 99,999,999 s, so a callback task
 * without it would wait a year for a lost answer.
 */
export type TaskState = StateBase &
  Transition &
  ErrorHandling & {
    Type: 'Task';
    Resource: string;
    Parameters?: PayloadTemplate;
    TimeoutSeconds: number;
    HeartbeatSeconds?: number;
  };

type Comparator = 'Equals' | 'LessThan' | 'GreaterThan' | 'LessThanEquals' | 'GreaterThanEquals';

/** Each Choice comparison operator with the type of its operand. */
type ComparisonOperands = { [K in `String${Comparator}` | `Timestamp${Comparator}` | 'StringMatches']: string } & {
  [K in `Numeric${Comparator}`]: number;
} & { BooleanEquals: boolean } & {
  [K in `${'String' | 'Numeric' | 'Timestamp' | 'Boolean'}${Comparator}Path`]: string;
} & { [K in `Is${'Null' | 'Present' | 'Numeric' | 'String' | 'Boolean' | 'Timestamp'}`]: boolean };

type ComparisonOperator = keyof ComparisonOperands;

/** `Variable` compared by one operator, e.g. `{ Variable: '$.n', NumericGreaterThan: 3 }`. */
export type ChoiceComparison = { Variable: string } & { [K in ComparisonOperator]: { [P in K]: ComparisonOperands[P] } }[ComparisonOperator];

/** A comparison or a boolean combination of them (nested rules carry no `Next`). */
export type ChoiceExpression = ChoiceComparison | { And: ChoiceExpression[] } | { Or: ChoiceExpression[] } | { Not: ChoiceExpression };

/** A top-level Choice rule: where to go when the expression holds. */
export type ChoiceRule = ChoiceExpression & { Next: string; Comment?: string };

export type ChoiceState = StateBase &
  NoTransition & {
    Type: 'Choice';
    Choices: ChoiceRule[];
    Default?: string;
  };

export type WaitState = StateBase &
  Transition & { Type: 'Wait' } & OneOf<OneOf<{ Seconds: number }, { SecondsPath: string }>, OneOf<{ Timestamp: string }, { TimestampPath: string }>>;

export type SucceedState = StateBase & NoTransition & { Type: 'Succeed' };

/** A Fail state takes no paths; its error and cause are each literal or read from the input. */
export type FailState = NoTransition & {
  Type: 'Fail';
  Comment?: string;
} & Partial<OneOf<{ Error: string }, { ErrorPath: string }>> &
  Partial<OneOf<{ Cause: string }, { CausePath: string }>>;

/** The states of a machine, a Parallel branch or a Map iteration. */
export interface StatesBlock {
  Comment?: string;
  StartAt: string;
  States: Record<string, State>;
}

/** An inline Map runs its iterations inside the execution (at most 40 at once). */
export interface InlineProcessorConfig {
  Mode: 'INLINE';
}

/** What a Distributed Map's child workflow executions are: STANDARD (own history, up to a year) or EXPRESS (no history, 5 minutes). */
export type ExecutionType = 'STANDARD' | 'EXPRESS';

/** A Distributed Map runs each item (or batch) as a child workflow execution; ExecutionType is required. */
export interface DistributedProcessorConfig {
  Mode: 'DISTRIBUTED';
  ExecutionType: ExecutionType;
}

export type ProcessorConfig = InlineProcessorConfig | DistributedProcessorConfig;

export interface ItemProcessor extends StatesBlock {
  ProcessorConfig?: InlineProcessorConfig;
}

export interface DistributedItemProcessor extends StatesBlock {
  ProcessorConfig: DistributedProcessorConfig;
}

/** ItemReader's ReaderConfig for one S3 object: JSON (an array), JSONL (one value a line) or CSV; MaxItems reads only the first N. */
export type ReaderConfig = (
  | { InputType: 'JSON' | 'JSONL' }
  | ({ InputType: 'CSV'; CSVDelimiter?: 'COMMA' | 'PIPE' | 'SEMICOLON' | 'SPACE' | 'TAB' } & (
      | { CSVHeaderLocation: 'FIRST_ROW'; CSVHeaders?: never }
      | { CSVHeaderLocation: 'GIVEN'; CSVHeaders: string[] }
    ))
) &
  Partial<OneOf<{ MaxItems: number }, { MaxItemsPath: string }>>;

/** The object an ItemReader reads (`s3:getObject`): a bucket and a key, each literal or a `.$` path. */
export type S3ObjectParameters = OneOf<{ Bucket: string }, { 'Bucket.$': string }> & OneOf<{ Key: string }, { 'Key.$': string }>;

/** Reads a Distributed Map's items from an S3 object instead of the state input. */
export interface ItemReader {
  Resource: 'arn:aws:states:::s3:getObject';
  ReaderConfig: ReaderConfig;
  Parameters: S3ObjectParameters;
}

/** Groups items into one child execution's input `{ "BatchInput": …, "Items": [...] }`; at least one bound is required. */
export type ItemBatcher = { BatchInput?: PayloadTemplate } & (
  | (OneOf<{ MaxItemsPerBatch: number }, { MaxItemsPerBatchPath: string }> & Partial<OneOf<{ MaxInputBytesPerBatch: number }, { MaxInputBytesPerBatchPath: string }>>)
  | (OneOf<{ MaxInputBytesPerBatch: number }, { MaxInputBytesPerBatchPath: string }> & { MaxItemsPerBatch?: never; MaxItemsPerBatchPath?: never })
);

/** Where a ResultWriter puts the manifest and result files: a bucket and a key prefix, each literal or a `.$` path. */
export type ResultWriterParameters = OneOf<{ Bucket: string }, { 'Bucket.$': string }> & Partial<OneOf<{ Prefix: string }, { 'Prefix.$': string }>>;

/** Writes the child executions' results to S3 (manifest.json, SUCCEEDED_n.json, FAILED_n.json, PENDING_n.json). */
export interface ResultWriter {
  Resource: 'arn:aws:states:::s3:putObject';
  Parameters: ResultWriterParameters;
}

export type ParallelState = StateBase &
  Transition &
  ErrorHandling & {
    Type: 'Parallel';
    Branches: StatesBlock[];
    Parameters?: PayloadTemplate;
  };

export type MapState = StateBase &
  Transition &
  ErrorHandling & {
    Type: 'Map';
    ItemsPath: string;
    ItemSelector?: PayloadTemplate;
    ItemProcessor: ItemProcessor;
  } & Partial<OneOf<{ MaxConcurrency: number }, { MaxConcurrencyPath: string }>>;

/**
 * A Map in Distributed mode: items from ItemsPath or an ItemReader, each item (or batch) a child
 * execution; failures up to the tolerated threshold; results to S3 through a ResultWriter.
 */
export type DistributedMapState = StateBase &
  Transition &
  ErrorHandling & {
    Type: 'Map';
    ItemProcessor: DistributedItemProcessor;
    ItemSelector?: PayloadTemplate;
    ItemBatcher?: ItemBatcher;
    ResultWriter?: ResultWriter;
    /** Names the Map Run and its child executions (`…:mapRun:<machine>/<Label>:<id>`): at most 40 characters. */
    Label?: string;
  } & OneOf<{ ItemsPath: string }, { ItemReader: ItemReader }> &
  Partial<OneOf<{ MaxConcurrency: number }, { MaxConcurrencyPath: string }>> &
  Partial<OneOf<{ ToleratedFailurePercentage: number }, { ToleratedFailurePercentagePath: string }>> &
  Partial<OneOf<{ ToleratedFailureCount: number }, { ToleratedFailureCountPath: string }>>;

export type State = PassState | TaskState | ChoiceState | WaitState | SucceedState | FailState | ParallelState | MapState | DistributedMapState;

export interface StateMachineDefinition extends StatesBlock {
  TimeoutSeconds?: number;
  Version?: '1.0';
  QueryLanguage?: 'JSONPath';
}
