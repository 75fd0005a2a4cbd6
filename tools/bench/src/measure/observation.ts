/**
 * What one run is measured from (the observation) and what it is measured by (the metrics), the
 * same for every pattern and both targets.
 */
import type { ItemSource } from '@fanout/shared-types';
import type { DatasetCases, PatternSpec } from '../patterns/registry';
import type { StepPoint } from './concurrency';
import type { HistoryEvent } from './history';
import type { LambdaUsage, LogsObservation } from './lambda-usage';
import type { ChildRun, MapRunCounts, MapRunObservation } from './map-run';
import type { CaseCounts } from './summary-counts';

export interface RunObservation {
  pattern: PatternSpec;
  dataset: DatasetCases;
  status: string;
  error?: string;
  cause?: string;
  /** The execution's output: the Summary when it succeeded. */
  output?: string;
  history: readonly HistoryEvent[];
  logs: LogsObservation;
  /** New messages per failure queue during the run, or why they could not be read. */
  queueMessages: { name: string; added: number }[] | string;
  /** distributed-map: its Map Run and result files, and where its cases came from. */
  mapRun?: MapRunObservation;
  itemSource?: ItemSource;
}

/** What a Distributed Map adds: its Map Run, its child executions and the S3 requests around them. */
export interface MapRunMetrics {
  mapRunArn?: string;
  status?: string;
  /** MapRunStarted → its end, in the parent history. */
  spanMs?: number;
  itemCounts?: MapRunCounts;
  executionCounts?: MapRunCounts;
  children: ChildRun[];
  /** Result files the manifest listed (every status). */
  resultFiles: number;
  manifest?: { bucket: string; key: string };
  itemSource: ItemSource;
  /** S3 requests the pattern made: PUT (ResultWriter, the items upload), GET (ItemReader, the Summary's reads). */
  s3Puts: number;
  s3Gets: number;
}

export interface RunMetrics {
  status: string;
  error?: string;
  makespanMs?: number;
  historyEvents: number;
  fanIn?: { bytes: number; truncated: boolean };
  counts: CaseCounts;
  failuresByError: Record<string, number>;
  /** Task attempts beyond the first; null where they are not in any history (Express children). */
  retries: number | null;
  /** Per finished case: iteration (or child execution) start → its task's end. */
  caseMs: number[];
  /** Per case: iteration start → first attempt started, or child start → its Lambda started. */
  dispatchMs: number[];
  /** Case tasks in flight (inline Map) or child executions running (Distributed Map), over time from ExecutionStarted. */
  concurrency: StepPoint[];
  peakConcurrency: number;
  lambda: LambdaUsage;
  usage: {
    stateTransitions: number;
    /** Attempts of the case tasks that reached the computing Lambda through Step Functions. */
    invokeAttempts: number;
    /** Events put on a bus (each a PutEvents entry). */
    eventsPut: number;
    /** Sum over case attempts of started → ended (invoke) or submitted → ended (callback), ms: the GB-s bound without logs. */
    caseTaskMs: number;
    /** The Summary task's started → ended, ms. */
    summaryTaskMs: number;
    summaryInvocations: number;
  };
  mapRun?: MapRunMetrics;
  notes: string[];
}

/** Notes every pattern shares: the logs' and the queues' state. */
export function sourceNotes(observation: RunObservation): string[] {
  const notes: string[] = [];
  if (observation.logs.state !== 'complete') notes.push(`Lambda logs ${observation.logs.state}${observation.logs.note ? `: ${observation.logs.note}` : ''}; GB-s estimated from task durations`);
  if (typeof observation.queueMessages === 'string') notes.push(`failure queues could not be read (${observation.queueMessages}): SQS requests not counted`);
  else for (const q of observation.queueMessages) if (q.added > 0) notes.push(`${q.added} message(s) landed in the ${q.name}`);
  return notes;
}

