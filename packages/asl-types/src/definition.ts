/**
 * Amazon States Language, JSONPath query language, typed so a definition is built as an object
 * and checked by tsc. Strict where the project writes definitions (infra): states are a union
 * discriminated by `Type`, a Task must state its timeout, a state has exactly one of Next / End,
 * and "X or XPath" pairs exclude each other. Distributed Map and JSONata are out of scope.
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

/** Inline Map only: Distributed Map (child executions, ItemReader) is out of scope. */
export interface ProcessorConfig {
  Mode: 'INLINE';
}

export interface ItemProcessor extends StatesBlock {
  ProcessorConfig?: ProcessorConfig;
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

export type State = PassState | TaskState | ChoiceState | WaitState | SucceedState | FailState | ParallelState | MapState;

export type StateType = State['Type'];

export interface StateMachineDefinition extends StatesBlock {
  TimeoutSeconds?: number;
  Version?: '1.0';
  QueryLanguage?: 'JSONPath';
}
