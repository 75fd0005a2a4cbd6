/**
 * The CloudWatch metrics the Summary Lambda publishes for every summary (embedded metric format
 * in its log), and the alarms and dashboards in infra read: one definition for both.
 */
export const SUMMARY_METRICS = {
  namespace: 'SfnFanout',
  /** The one dimension: the state machine's name, which carries the name prefix (one per environment). */
  dimension: 'StateMachineName',
  /** Environment variable of the Summary Lambda holding that name. */
  stateMachineEnv: 'FANOUT_STATE_MACHINE_NAME',
  /** Metric name per Summary count (all of unit Count). */
  names: {
    succeeded: 'CasesSucceeded',
    failed: 'CasesFailed',
    missing: 'CasesMissing',
    duplicated: 'CasesDuplicated',
  },
} as const;

export type SummaryMetric = keyof typeof SUMMARY_METRICS.names;
