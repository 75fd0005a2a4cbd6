/**
 * The summary's counts as CloudWatch metrics: one embedded-metric-format (EMF) document per
 * summary, written to stdout as its own line. Lambda forwards stdout to the function's log group
 * unchanged (writing to stdout, not through console, so the JSON log format does not wrap it),
 * and CloudWatch Logs extracts the metrics from it; no PutMetricData call, no extra permission.
 */
import { SUMMARY_METRICS, type Summary, type SummaryMetric } from '@fanout/shared-types';

export interface MetricsProps {
  /** The state machine whose summaries these are (the metrics' one dimension). */
  stateMachineName: string;
  write?: (line: string) => void;
  now?: () => number;
}

/** The four counts, by metric key. */
export function summaryCounts(summary: Summary): Record<SummaryMetric, number> {
  return { succeeded: summary.succeeded, failed: summary.failed, missing: summary.missing.length, duplicated: summary.duplicated.length };
}

/** The EMF document for one summary (specification: `_aws.CloudWatchMetrics`, then the values as top-level fields). */
export function metricsDocument(summary: Summary, stateMachineName: string, timestampMs: number): Record<string, unknown> {
  const counts = summaryCounts(summary);
  const keys = Object.keys(SUMMARY_METRICS.names) as SummaryMetric[];
  const document: Record<string, unknown> = {
    _aws: {
      Timestamp: timestampMs,
      CloudWatchMetrics: [{ Namespace: SUMMARY_METRICS.namespace, Dimensions: [[SUMMARY_METRICS.dimension]], Metrics: keys.map((key) => ({ Name: SUMMARY_METRICS.names[key], Unit: 'Count' })) }],
    },
    [SUMMARY_METRICS.dimension]: stateMachineName,
    requestId: summary.requestId,
  };
  for (const key of keys) document[SUMMARY_METRICS.names[key]] = counts[key];
  return document;
}

/** Writes a summary's metrics; the state machine name comes from the function's environment. */
export function createMetricsWriter(props: MetricsProps): (summary: Summary) => void {
  const write = props.write ?? ((line: string) => process.stdout.write(line));
  const now = props.now ?? (() => Date.now());
  return (summary) => write(`${JSON.stringify(metricsDocument(summary, props.stateMachineName, now()))}\n`);
}

/** FANOUT_STATE_MACHINE_NAME, or `unknown` so a function deployed without it still reports (under that name). */
export function stateMachineNameFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const name = env[SUMMARY_METRICS.stateMachineEnv];
  return name === undefined || name === '' ? 'unknown' : name;
}
