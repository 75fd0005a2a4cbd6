/**
 * The engine's view of a definition, built from @fanout/asl-types. The engine runs any definition
 * asl-validator and `validateDefinition` accept, and reads a state field by field whatever its
 * Type, so here every field of every state type is optional on one object type.
 */
import type { State, StateMachineDefinition as AslDefinition } from '@fanout/asl-types';
import type { ChoiceRule } from './choice';

/** Every key of every member of a union (plain `keyof` keeps only the shared ones). */
type KeyOfAny<U> = U extends unknown ? keyof U : never;

/** What `K` holds in the members that have it (a `never`-typed exclusion contributes nothing). */
type FieldOfAny<U, K extends PropertyKey> = U extends unknown ? (K extends keyof U ? Exclude<U[K], undefined> : never) : never;

/** Fields whose engine type differs from the shared one: nested machines (recursion) and Choice rules (read by operator name). */
type Overridden = 'Type' | 'Branches' | 'ItemProcessor' | 'Choices';

export type StateDefinition = { Type: State['Type'] } & { [K in Exclude<KeyOfAny<State>, Overridden>]?: FieldOfAny<State, K> } & {
  Choices?: ChoiceRule[];
  Branches?: StateMachineDefinition[];
  ItemProcessor?: StateMachineDefinition & { ProcessorConfig?: MapProcessorConfig };
  // Valid ASL the project's stricter shared types leave out, still run for any caller:
  /** Map's pre-ItemProcessor spelling (its selector was `Parameters`). */
  Iterator?: StateMachineDefinition;
  TimeoutSecondsPath?: string;
  HeartbeatSecondsPath?: string;
};

/** Map's ProcessorConfig read loosely (validation checks Mode and, for DISTRIBUTED, ExecutionType). */
export interface MapProcessorConfig {
  Mode?: string;
  ExecutionType?: string;
}

export type StateMachineDefinition = Omit<AslDefinition, 'States' | 'Version' | 'QueryLanguage'> & {
  States: Record<string, StateDefinition>;
  Version?: string;
  /** `validateDefinition` reports JSONata rather than typing it away. */
  QueryLanguage?: string;
};
