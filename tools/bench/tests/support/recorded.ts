import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FlatRequest, ItemSource, SlottedRequest } from '@fanout/shared-types';
import { normaliseHistory } from '../../src/measure/history';
import type { MapRunObservation } from '../../src/measure/map-run';
import type { RunObservation } from '../../src/measure/run-metrics';
import { type DatasetCases, patternById } from '../../src/patterns/registry';

/** One execution as tests/support/record-fixtures.ts saved it. */
interface Recorded {
  pattern: string;
  dataset: FlatRequest | SlottedRequest;
  status: string;
  error?: string;
  output?: string;
  history: unknown[];
  logs: RunObservation['logs'];
  queueMessages: RunObservation['queueMessages'];
  mapRun?: MapRunObservation;
  itemSource?: ItemSource;
}

/** A recorded execution (tests/fixtures/recorded/<name>.json) as the measuring code observes it. */
export function recorded(name: string): RunObservation {
  const r = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'recorded', `${name}.json`), 'utf8')) as Recorded;
  const dataset: DatasetCases = 'requestSlots' in r.dataset ? { shape: 'slotted', slots: r.dataset.requestSlots.map((s) => s.requests), cases: r.dataset.requestSlots.flatMap((s) => s.requests) } : { shape: 'flat', cases: r.dataset.requests };
  return {
    pattern: patternById(r.pattern)!,
    dataset,
    status: r.status,
    ...(r.error ? { error: r.error } : {}),
    ...(r.output ? { output: r.output } : {}),
    history: normaliseHistory(r.history),
    logs: r.logs,
    queueMessages: r.queueMessages,
    ...(r.mapRun ? { mapRun: r.mapRun } : {}),
    ...(r.itemSource ? { itemSource: r.itemSource } : {}),
  };
}
