/**
 * What one execution of a pattern can carry: the one module that knows where the ceilings come
 * from (`executionProblems` / `patternCeilings` in @fanout/shared-types, the figures data-gen,
 * infra and the READMEs share), so a pattern with other limits (distributed-map) changes only
 * this file and its registry entry.
 */
import { AWS_LIMITS, type Case, type PatternId, executionProblems } from '@fanout/shared-types';

export type CeilingKind = 'inline-map';

export interface CeilingRequest {
  pattern: string;
  requestId: string;
  cases: readonly Case[];
  /** map-in-parallel's slot count. */
  slots?: number;
}

/** Why one execution cannot carry these cases (the fan-in against 256 KiB, the history against 25,000 events), or nothing. */
export function executionCeilingProblems(kind: CeilingKind, request: CeilingRequest): string[] {
  switch (kind) {
    case 'inline-map':
      return executionProblems(request.pattern as PatternId, { requestId: request.requestId, cases: request.cases, ...(request.slots === undefined ? {} : { slots: request.slots }) });
  }
}

/** Cases one Map runs at once at most. */
export function mapConcurrencyCeiling(kind: CeilingKind): number {
  switch (kind) {
    case 'inline-map':
      return AWS_LIMITS.inlineMapMaxConcurrency;
  }
}
