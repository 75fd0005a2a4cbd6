import {
  type DurationStats,
  type FanInFailure,
  type FanInOutcome,
  type FanInSuccess,
  type LocatedOutcome,
  SUMMARY_CAUSE_MAX_CHARS,
  SUMMARY_ERROR_MAX_CHARS,
  SUMMARY_MAX_ERROR_NAMES,
  SUMMARY_MAX_FAILURES,
  SUMMARY_OTHER_ERRORS,
  type Summary,
  type SummaryFailure,
  failedCaseId,
  invalidCaseIdLabel,
  isFanInFailure,
  parseSummaryInput,
  unfinishedPercentage,
} from '@fanout/shared-types';

const TRUNCATED = '…[truncated]';

/** Cuts `text` to `max` characters, saying so. */
function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - TRUNCATED.length) + TRUNCATED;
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

export interface SummariseResult {
  summary: Summary;
  /** caseIds that came back without being asked for (counted, and worth a warning). */
  unexpected: string[];
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const CHUNKS = /\d+|\D+/g;

/**
 * caseId order of the failures listed: numeric-aware ("2" before "10", "case-9" before
 * "case-10"). The ids are cut into runs of digits and of other characters, compared run by run —
 * two digit runs by value, anything else by code units — and equal ones (such as "01" and "1")
 * by code units, so the order is total and stable. (Not Intl.Collator: creating one costs
 * 15–50 ms of ICU set-up on a cold start, measured, for a summary that otherwise loads in ~5 ms.)
 */
export function compareCaseIds(a: string, b: string): number {
  const x = a.match(CHUNKS) ?? [];
  const y = b.match(CHUNKS) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i] ?? '', y[i] ?? ''];
    const numeric = /^\d/.test(p) && /^\d/.test(q);
    const order = numeric ? compareDigits(p, q) : byCodeUnits(p, q);
    if (order !== 0) return order;
  }
  return x.length - y.length || byCodeUnits(a, b);
}

/** Two runs of digits by value, without Number's precision limit. */
function compareDigits(p: string, q: string): number {
  const [m, n] = [p.replace(/^0+(?=\d)/, ''), q.replace(/^0+(?=\d)/, '')];
  return m.length - n.length || byCodeUnits(m, n);
}

/** Counts per error name, largest first; names beyond SUMMARY_MAX_ERROR_NAMES are folded into one entry. */
function countByError(errors: readonly string[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const error of errors) counts.set(error, (counts.get(error) ?? 0) + 1);
  const sorted = [...counts].sort(([a, m], [b, n]) => n - m || compareCaseIds(a, b));
  const kept = sorted.slice(0, SUMMARY_MAX_ERROR_NAMES);
  const other = sorted.slice(SUMMARY_MAX_ERROR_NAMES).reduce((sum, [, n]) => sum + n, 0);
  if (other > 0) kept.push([SUMMARY_OTHER_ERRORS, other]);
  // fromEntries defines own properties: an error named "__proto__" is counted, not a prototype change.
  return Object.fromEntries(kept);
}

/**
 * Validates the fan-out's outcomes and summarises them. A case counts once however often it came
 * back: succeeded if any of its outcomes succeeded (a duplicate or a retry), else failed; its
 * duration is that of its first success, so duplicates do not skew the percentiles.
 * A failed outcome without a valid caseId is a failed case of its own, named
 * `(invalid caseId at results[i][j])`; it is neither missing nor unexpected (nothing says which
 * case it was), but it is counted, listed, and part of `unfinishedPercentage`.
 * The summary stays small whatever the number of failures: `failures` lists the first
 * SUMMARY_MAX_FAILURES in caseId order with bounded error and cause, `failuresByError` counts them all.
 */
export function summarise(value: unknown, source = 'summary event'): SummariseResult {
  return summariseOutcomes(parseSummaryInput(value, source));
}

/** What summariseOutcomes counts: the caseIds asked for, and every outcome with where it came from. */
export interface OutcomesToSummarise {
  readonly requestId: string;
  readonly expectedCaseIds: readonly string[];
  readonly outcomes: readonly LocatedOutcome[];
}

/** The summary of validated outcomes, wherever they were read (the fan-in, or a Map Run's result files). */
export function summariseOutcomes(input: OutcomesToSummarise): SummariseResult {
  // A caseId the request lists twice is reported in `duplicated`, not thrown: by now every case
  // has been computed, and failing here would throw that work away without a summary.
  const expected = new Set<string>();
  const listedTwice = new Set<string>();
  for (const caseId of input.expectedCaseIds) {
    if (expected.has(caseId)) listedTwice.add(caseId);
    expected.add(caseId);
  }

  const byCase = new Map<string, FanInOutcome[]>();
  const labelled = new Set<string>();
  for (const { outcome, path } of input.outcomes) {
    let caseId = isFanInFailure(outcome) ? failedCaseId(outcome) : outcome.caseId;
    if (caseId === undefined) {
      caseId = invalidCaseIdLabel(path);
      labelled.add(caseId);
    }
    const list = byCase.get(caseId);
    if (list) list.push(outcome);
    else byCase.set(caseId, [outcome]);
  }

  const durations: number[] = [];
  const failed: SummaryFailure[] = [];
  for (const [caseId, outcomes] of byCase) {
    const success = outcomes.find((o): o is FanInSuccess => !isFanInFailure(o));
    if (success) durations.push(success.durationMs);
    else {
      const failure = outcomes.find((o): o is FanInFailure => isFanInFailure(o));
      if (failure) failed.push({ caseId, error: failure.error, ...(failure.cause === undefined ? {} : { cause: failure.cause }) });
    }
  }
  const failures = failed
    .sort((a, b) => compareCaseIds(a.caseId, b.caseId))
    .slice(0, SUMMARY_MAX_FAILURES)
    .map((f): SummaryFailure => {
      const bounded: SummaryFailure = { caseId: f.caseId, error: truncate(f.error, SUMMARY_ERROR_MAX_CHARS) };
      if (f.cause !== undefined) bounded.cause = truncate(f.cause, SUMMARY_CAUSE_MAX_CHARS);
      return bounded;
    });

  const missing = [...expected].filter((id) => !byCase.has(id));
  const unfinished = failed.length + missing.length;
  // Every case the request listed or the fan-in returned: a failure without a valid caseId counts too.
  const accountedFor = new Set([...expected, ...byCase.keys()]).size;
  const summary: Summary = {
    requestId: input.requestId,
    expected: expected.size,
    cases: byCase.size,
    succeeded: durations.length,
    failed: failed.length,
    missing,
    duplicated: [...new Set([...listedTwice, ...[...byCase].filter(([, outcomes]) => outcomes.length > 1).map(([caseId]) => caseId)])],
    unfinished,
    unfinishedPercentage: unfinishedPercentage(unfinished, accountedFor),
    failures,
    failuresByError: countByError(failed.map((f) => truncate(f.error, SUMMARY_ERROR_MAX_CHARS))),
    durationMs: durationStats(durations),
  };
  return { summary, unexpected: [...byCase.keys()].filter((id) => !expected.has(id) && !labelled.has(id)) };
}
