/**
 * What every pattern's parent history says the same way: the Summary (the Summarize task's
 * output, also when the execution then failed its threshold), the Summary task's time, and the
 * Standard state transitions it bills.
 */
import { STATE_NAMES } from '@fanout/infra/src/asl/definitions';
import type { HistoryEvent } from './history';

export interface CaseCounts {
  succeeded: number;
  failed: number;
  missing: number;
  duplicated: number;
  /** Where the counts come from: the Summary's output, or the history (the result files) when there is no Summary. */
  source: 'summary' | 'history';
}

interface SummaryShape {
  succeeded: number;
  failed: number;
  missing: unknown[];
  duplicated: unknown[];
}

function parseSummary(output: string | undefined): SummaryShape | undefined {
  if (output === undefined) return undefined;
  try {
    const value = JSON.parse(output) as Partial<SummaryShape>;
    if (typeof value.succeeded === 'number' && typeof value.failed === 'number' && Array.isArray(value.missing) && Array.isArray(value.duplicated)) {
      return value as SummaryShape;
    }
  } catch {
    // not a summary: the caller counts from what it has
  }
  return undefined;
}

/**
 * The Summary's counts, with a note when the execution failed after it; or, without a Summary,
 * undefined and a note saying where the counts come from instead.
 */
export function summaryCounts(history: readonly HistoryEvent[], observation: { status: string; error?: string; output?: string }, fallback: string): { counts?: CaseCounts; note?: string } {
  const summarized = [...history].reverse().find((e) => e.type === 'TaskStateExited' && e.details['name'] === STATE_NAMES.summarize);
  const summary = parseSummary(typeof summarized?.details['output'] === 'string' ? summarized.details['output'] : observation.output);
  const how = `execution ${observation.status}${observation.error ? `: ${observation.error}` : ''}`;
  if (!summary) return { note: `no Summary (${how}): cases counted from ${fallback}` };
  const counts: CaseCounts = { succeeded: summary.succeeded, failed: summary.failed, missing: summary.missing.length, duplicated: summary.duplicated.length, source: 'summary' };
  if (observation.status === 'SUCCEEDED') return { counts };
  return { counts, note: `execution ${observation.status}${observation.error ? ` (${observation.error})` : ''} after its Summary: cases counted from the Summary in the history` };
}

/** Started → ended of the Summary's task (the last lambda task outside any Map iteration). */
export function summaryTaskMs(history: readonly HistoryEvent[]): number {
  const entered = [...history].reverse().find((e) => e.type === 'TaskStateEntered' && e.details['name'] === STATE_NAMES.summarize);
  if (!entered) return 0;
  const after = history.filter((e) => e.id > entered.id);
  const started = after.find((e) => e.type === 'TaskStarted');
  const ended = after.find((e) => e.type === 'TaskSucceeded' || e.type === 'TaskFailed' || e.type === 'TaskTimedOut');
  return started && ended ? ended.ms - started.ms : 0;
}

export function countEvents(history: readonly HistoryEvent[], type: string, resourceType?: string): number {
  return history.filter((e) => e.type === type && (resourceType === undefined || e.details['resourceType'] === resourceType)).length;
}

/** Standard state transitions the history bills: every state entered, and every retry (a task run again without entering its state again). */
export function stateTransitions(history: readonly HistoryEvent[]): number {
  const entered = history.filter((e) => e.type.endsWith('StateEntered')).length;
  return entered + Math.max(0, countEvents(history, 'TaskScheduled') - countEvents(history, 'TaskStateEntered'));
}
