import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { COMPUTATION_FAILED, type Case, type FlatRequest } from '@fanout/shared-types';
import { type DurationSpec, durationSampler } from './durations';

export interface SimulationProps {
  /** Per-case duration; absent = the computing Lambda's default (COMPUTE_MS). */
  duration?: DurationSpec;
  /** Share of cases, 0–1, that carry an injected failure. */
  failureRate?: number;
  /** Seed of the random draws, so the same options write the same bytes. */
  seed: number;
}

export interface GenerateProps {
  requestId: string;
  simulation?: SimulationProps;
}

/**
 * A flat request of `size` cases with caseIds "0" … "size−1", keys in the seeds' order.
 * Each dataset draws from a fresh generator with the same seed, so a smaller dataset's cases
 * are exactly the first cases of a larger one.
 */
export function generateFlat(size: number, props: GenerateProps): FlatRequest {
  const simulation = props.simulation;
  const rng = xoroshiro128plus(simulation?.seed ?? 0);
  const nextDuration = simulation?.duration ? durationSampler(simulation.duration, rng) : undefined;
  const failureRate = simulation?.failureRate ?? 0;

  const requests: Case[] = [];
  for (let i = 0; i < size; i++) {
    const item: Case = { caseId: String(i) };
    if (nextDuration) item.durationMs = nextDuration();
    if (failureRate > 0 && uniformFloat64(rng) < failureRate) {
      item.failure = { error: COMPUTATION_FAILED, cause: `injected by data-gen (failure rate ${failureRate})` };
    }
    requests.push(item);
  }
  return { requestId: props.requestId, requests, length: String(size) };
}
