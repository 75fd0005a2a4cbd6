/**
 * What one execution of a pattern can carry: the one module that knows where the ceilings come
 * from (`executionProblems` / `patternCeilings` in @fanout/shared-types, the figures data-gen,
 * infra and the READMEs share).
 */
import { AWS_LIMITS, type Case, type ItemSource, type PatternId, executionProblems } from '@fanout/shared-types';

/** An inline Map in the execution's own history, or a Distributed Map's child executions. */
export type CeilingKind = 'inline-map' | 'distributed-map';

export interface CeilingRequest {
  pattern: string;
  requestId: string;
  cases: readonly Case[];
  /** map-in-parallel's slot count. */
  slots?: number;
  /** distributed-map: the cases in the request, or in an items object in S3. */
  itemSource?: ItemSource;
}

/**
 * Why one execution cannot carry these cases, or nothing: the fan-in against 256 KiB and the
 * history against 25,000 events (inline Map); the request against 256 KiB and the Summary's
 * worst case (Distributed Map).
 */
export function executionCeilingProblems(kind: CeilingKind, request: CeilingRequest): string[] {
  const base = { requestId: request.requestId, cases: request.cases };
  switch (kind) {
    case 'inline-map':
      return executionProblems(request.pattern as PatternId, { ...base, ...(request.slots === undefined ? {} : { slots: request.slots }) });
    case 'distributed-map':
      return executionProblems('distributed-map', { ...base, itemSource: request.itemSource ?? 'request' });
  }
}

/** Cases one inline Map runs at once at most. */
export function mapConcurrencyCeiling(): number {
  return AWS_LIMITS.inlineMapMaxConcurrency;
}

/** Child executions a Distributed Map starts per second at most, by their type. */
export function childStartsPerSecond(executionType: 'EXPRESS' | 'STANDARD'): number {
  return executionType === 'EXPRESS' ? AWS_LIMITS.expressChildStartsPerSecond : AWS_LIMITS.standardChildStartsPerSecond;
}
