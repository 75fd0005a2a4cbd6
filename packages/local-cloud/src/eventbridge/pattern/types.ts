import type { IPv4, IPv6 } from 'ipaddr.js';

/** A JSON scalar as it can appear at a leaf of an event. */
export type Scalar = string | number | boolean | null;

/** One condition of a field's value list; the field matches when any of its conditions does. */
export type LeafMatcher =
  | { readonly op: 'equals'; readonly value: Scalar }
  | { readonly op: 'prefix' | 'suffix'; readonly value: string; readonly ignoreCase: boolean }
  | { readonly op: 'equals-ignore-case'; readonly value: string }
  | { readonly op: 'wildcard'; readonly regex: RegExp }
  /** Matches a present value that none of `excluded` matches. */
  | { readonly op: 'anything-but'; readonly excluded: readonly ExcludableMatcher[] }
  | { readonly op: 'numeric'; readonly lower?: NumericBound; readonly upper?: NumericBound; readonly equals?: number }
  | { readonly op: 'cidr'; readonly network: readonly [IPv4 | IPv6, number] }
  | { readonly op: 'exists'; readonly value: boolean };

export type ExcludableMatcher = Extract<LeafMatcher, { op: 'equals' | 'prefix' | 'suffix' | 'equals-ignore-case' | 'wildcard' }>;

export interface NumericBound {
  readonly value: number;
  /** `<` / `>` rather than `<=` / `>=`. */
  readonly open: boolean;
}

export interface LeafRule {
  readonly key: string;
  readonly matchers: readonly LeafMatcher[];
}

/**
 * One object level of a pattern with its `$or`s multiplied out: every leaf and every child must
 * match the same event object (so fields inside one array element must come from that element).
 */
export interface PatternNode {
  readonly leaves: readonly LeafRule[];
  readonly children: ReadonlyMap<string, PatternNode>;
}

/** A validated pattern: it matches an event when any branch does. */
export interface CompiledPattern {
  readonly branches: readonly PatternNode[];
}

/** Why a pattern was refused, and where (`detail.state[0]`). */
export class PatternError extends Error {
  override readonly name = 'PatternError';
  constructor(
    readonly reason: string,
    readonly path: string,
  ) {
    super(`Event pattern is not valid. Reason: ${reason}${path === '' ? '' : ` at ${path}`}`);
  }
}
