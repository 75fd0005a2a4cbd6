import { type FlatRequest, type ItemSource, PATTERN_IDS, type PatternId, executionProblems } from '@fanout/shared-types';

/**
 * Why one execution of each pattern could not carry this request: the figures (the fan-in's
 * bytes against 256 KiB, the history's events against 25,000, distributed-map's request and
 * Summary) come from `executionProblems` in shared-types, as the bench tool's and the READMEs'
 * do. `slots` is map-in-parallel's slot count (the slotted shape's); `itemSource` says whether
 * distributed-map would be given the cases in its request or as an items object in S3.
 */
export function fanOutWarnings(flat: FlatRequest, slots?: number, patterns: readonly PatternId[] = PATTERN_IDS, itemSource: ItemSource = 'request'): string[] {
  return patterns.flatMap((pattern) => executionProblems(pattern, { requestId: flat.requestId, cases: flat.requests, itemSource, ...(slots === undefined ? {} : { slots }) }));
}
