/**
 * The best a pattern can do with a dataset, only when every case takes the same time d (else
 * undefined): what its concurrency limits allow, with no overhead at all.
 * - inline Map: at most 40 cases at once per Map, so a Map of n cases needs ⌈n / 40⌉ waves of d;
 *   the largest over the Maps.
 * - Distributed Map: k child executions (one per case, or ⌈n / batch⌉ with an ItemBatcher), each
 *   taking ⌈its cases / 40⌉ × d (a batch runs as an inline Map); at most MaxConcurrency C run at
 *   once, in ⌈k / min(C, k)⌉ waves; and they start at most r a second (1,000 Express, 100
 *   Standard), so the first wave's last child starts (min(C, k) − 1) / r after the first and
 *   every later wave keeps that offset. The ideal is that, or the last child's start at the rate
 *   plus its own time, whichever is later.
 */
import type { Case } from '@fanout/shared-types';
import { childStartsPerSecond, mapConcurrencyCeiling } from './ceilings';
import type { DistributedMapSettings } from './distributed-settings';
import type { DatasetCases, PatternSpec } from './registry';

function uniformDuration(cases: readonly Case[], defaultComputeMs: number): number | undefined {
  const durations = new Set(cases.map((c) => c.durationMs ?? defaultComputeMs));
  return durations.size === 1 ? ([...durations][0] as number) : undefined;
}

export function distributedIdealMs(cases: number, d: number, map: Pick<DistributedMapSettings, 'maxConcurrency' | 'executionType' | 'maxItemsPerBatch'>): number {
  if (cases === 0) return 0;
  const perChild = Math.min(map.maxItemsPerBatch ?? 1, cases);
  const children = Math.ceil(cases / perChild);
  const childMs = Math.ceil(perChild / mapConcurrencyCeiling()) * d;
  const atOnce = Math.min(map.maxConcurrency, children);
  const startGapMs = 1000 / childStartsPerSecond(map.executionType);
  const byWaves = Math.ceil(children / atOnce) * childMs + (atOnce - 1) * startGapMs;
  const byRate = (children - 1) * startGapMs + childMs;
  return Math.max(byWaves, byRate);
}

export function idealMakespanMs(pattern: PatternSpec, dataset: DatasetCases, defaultComputeMs: number, map?: DistributedMapSettings): number | undefined {
  const d = uniformDuration(dataset.cases, defaultComputeMs);
  if (d === undefined) return undefined;
  if (pattern.timeline === 'map-run') return map ? distributedIdealMs(dataset.cases.length, d, map) : undefined;
  const maps = dataset.slots ?? [dataset.cases];
  return Math.max(...maps.map((cases) => Math.ceil(cases.length / mapConcurrencyCeiling()))) * d;
}
