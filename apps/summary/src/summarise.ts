import {
  type CaseFailure,
  type CaseOutcome,
  type ComputeResult,
  type DurationStats,
  type Summary,
  type SummaryInput,
  SummaryInputSchema,
  ValidationError,
  type ValidationIssue,
  parseWith,
} from '@fanout/shared-types';

/** An outcome with where it sat in the input, for error messages. */
interface Located {
  outcome: CaseOutcome;
  path: string;
}

/**
 * Nearest-rank percentile of ascending `sorted`: the value at rank ⌈p/100 · n⌉ (1-based). It is
 * always one of the measured values, never an interpolation.
 */
export function nearestRank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? 0;
}

export function durationStats(values: readonly number[]): DurationStats {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    min: sorted[0] ?? 0,
    p50: nearestRank(sorted, 50),
    p95: nearestRank(sorted, 95),
    max: sorted[sorted.length - 1] ?? 0,
    total: sorted.reduce((sum, v) => sum + v, 0),
  };
}

function flatten(results: SummaryInput['results']): Located[] {
  return results.flatMap((entry, i) =>
    Array.isArray(entry) ? entry.map((outcome, j) => ({ outcome: outcome as CaseOutcome, path: `results[${i}][${j}]` })) : [{ outcome: entry as CaseOutcome, path: `results[${i}]` }],
  );
}

export interface SummariseResult {
  summary: Summary;
  /** caseIds that came back without being asked for (counted, and worth a warning). */
  unexpected: string[];
}

/**
 * Validates the fan-out's output and summarises it. A case counts once however often it came
 * back: succeeded if any of its outcomes succeeded (a duplicate or a retry), else failed; its
 * duration is that of its first success, so duplicates do not skew the percentiles.
 */
export function summarise(value: unknown, source = 'summary event'): SummariseResult {
  const input = parseWith(SummaryInputSchema, value, source, 'summary input');
  const issues: ValidationIssue[] = [];

  const expected = new Set<string>();
  input.expectedCaseIds.forEach((caseId, i) => {
    if (expected.has(caseId)) issues.push({ path: `expectedCaseIds[${i}]`, message: `duplicate caseId "${caseId}"` });
    expected.add(caseId);
  });

  const byCase = new Map<string, CaseOutcome[]>();
  for (const { outcome, path } of flatten(input.results)) {
    if (outcome.requestId !== input.requestId) {
      issues.push({ path: `${path}.requestId`, message: `is "${outcome.requestId}", but this summary is for request "${input.requestId}"` });
      continue;
    }
    const list = byCase.get(outcome.request.caseId);
    if (list) list.push(outcome);
    else byCase.set(outcome.request.caseId, [outcome]);
  }
  if (issues.length > 0) throw new ValidationError(source, 'summary input', issues);

  const durations: number[] = [];
  const failures: Summary['failures'] = [];
  for (const [caseId, outcomes] of byCase) {
    const success = outcomes.find((o): o is ComputeResult => o.state === 'SUCCEEDED');
    if (success) durations.push(success.durationMs);
    else {
      const failure = outcomes.find((o): o is CaseFailure => o.state === 'FAILED');
      if (failure) failures.push({ caseId, error: failure.error, cause: failure.cause });
    }
  }

  const summary: Summary = {
    requestId: input.requestId,
    cases: byCase.size,
    succeeded: durations.length,
    failed: failures.length,
    missing: input.expectedCaseIds.filter((id) => !byCase.has(id)),
    duplicated: [...byCase].filter(([, outcomes]) => outcomes.length > 1).map(([caseId]) => caseId),
    failures,
    durationMs: durationStats(durations),
  };
  return { summary, unexpected: [...byCase.keys()].filter((id) => !expected.has(id)) };
}
