/**
 * The 2022 measurements of the AWS sample (reference/aws-sample-2022-performance.json, copied
 * with its source and caveat): shown beside the bench's own figures, always labelled as such.
 */
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { REFERENCE_2022_FILE } from '../paths';

export const REFERENCE_LABEL = 'AWS 2022 measurements';

const series = v.array(v.number());
const Reference2022Schema = v.looseObject({
  source: v.string(),
  caveat: v.string(),
  workload: v.looseObject({ computeMsPerCase: v.number(), runsPerSize: v.number(), lambdaRuntime: v.string() }),
  sizes: series,
  units: v.string(),
  patterns: v.record(v.string(), v.looseObject({ runsMs: v.array(series), medianMs: series, peakConcurrentLambdas: series })),
  customerTarget: v.looseObject({ cases: v.number(), computeMsPerCase: v.number(), makespanMs: v.number(), note: v.string() }),
});
export type Reference2022 = v.InferOutput<typeof Reference2022Schema>;

let cached: Reference2022 | undefined;

export function reference2022(file = REFERENCE_2022_FILE): Reference2022 {
  if (file === REFERENCE_2022_FILE && cached) return cached;
  const parsed = v.parse(Reference2022Schema, JSON.parse(readFileSync(file, 'utf8')));
  if (file === REFERENCE_2022_FILE) cached = parsed;
  return parsed;
}

/** The 2022 median makespan (ms) of a pattern at a size, when it was measured. */
export function reference2022Median(reference: Reference2022, pattern: string, size: number): number | undefined {
  const index = reference.sizes.indexOf(size);
  return index < 0 ? undefined : reference.patterns[pattern]?.medianMs[index];
}

/** The plain inline Map of 2022 (the 255 s at 1,000 cases), drawn as the baseline. */
export const BASELINE_2022_PATTERN = 'map-iterator';
