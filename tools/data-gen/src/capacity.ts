import { type FlatRequest, PATTERN_IDS, type PatternId, executionProblems } from '@fanout/shared-types';

/**
 * Why one execution of an inline pattern could not carry this request, for each pattern: the
 * figures (the fan-in's bytes against 256 KiB, the history's events against 25,000) come from
 * `estimateExecution` in shared-types, as the bench tool's and the READMEs' do. `slots` is
 * map-in-parallel's slot count (the slotted shape's).
 */
export function inlineFanOutWarnings(flat: FlatRequest, slots?: number, patterns: readonly PatternId[] = PATTERN_IDS): string[] {
  return patterns.flatMap((pattern) => executionProblems(pattern, { requestId: flat.requestId, cases: flat.requests, ...(slots === undefined ? {} : { slots }) }));
}
