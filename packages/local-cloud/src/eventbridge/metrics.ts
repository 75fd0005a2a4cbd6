/**
 * The CloudWatch metrics EventBridge publishes (AWS/Events namespace), counted per rule so a
 * run can account for every event: delivered, failed into a dead-letter queue, or dropped.
 * `EventsDropped` and `DuplicateInvocations` are the local cloud's own (AWS publishes the first
 * only for its newer buses, and duplicates only show as repeated invocations).
 */
export const RULE_METRICS = [
  'MatchedEvents',
  'TriggeredRules',
  'InvocationsCreated',
  'InvocationAttempts',
  'SuccessfulInvocationAttempts',
  'RetryInvocationAttempts',
  'ThrottledRules',
  'Invocations',
  'FailedInvocations',
  'InvocationsSentToDlq',
  'InvocationsFailedToBeSentToDlq',
  'EventsDropped',
  'DuplicateInvocations',
] as const;

export type RuleMetricName = (typeof RULE_METRICS)[number];
export type RuleMetrics = Record<RuleMetricName, number>;

export interface EventBridgeMetrics {
  /** Entries PutEvents accepted and refused, over every call. */
  readonly PutEventsEntriesCount: number;
  readonly PutEventsFailedEntriesCount: number;
  /** Deliveries created but not yet finished (waiting for an attempt, a retry or the DLQ). */
  readonly PendingInvocations: number;
  /** Sums over every rule. */
  readonly totals: RuleMetrics;
  /** Per rule ARN. */
  readonly rules: Readonly<Record<string, RuleMetrics>>;
}

const zero = (): RuleMetrics => Object.fromEntries(RULE_METRICS.map((m) => [m, 0])) as RuleMetrics;

export class MetricsRecorder {
  private readonly byRule = new Map<string, RuleMetrics>();
  private entries = 0;
  private failedEntries = 0;
  private pending = 0;

  add(ruleArn: string, metric: RuleMetricName, n = 1): void {
    let m = this.byRule.get(ruleArn);
    if (!m) this.byRule.set(ruleArn, (m = zero()));
    m[metric] += n;
  }

  putEvents(accepted: number, failed: number): void {
    this.entries += accepted + failed;
    this.failedEntries += failed;
  }

  /** A delivery started (+1) or finished (-1). */
  pendingDelta(n: 1 | -1): void {
    this.pending += n;
  }

  snapshot(): EventBridgeMetrics {
    const totals = zero();
    const rules: Record<string, RuleMetrics> = {};
    for (const [arn, m] of this.byRule) {
      rules[arn] = { ...m };
      for (const name of RULE_METRICS) totals[name] += m[name];
    }
    return { PutEventsEntriesCount: this.entries, PutEventsFailedEntriesCount: this.failedEntries, PendingInvocations: this.pending, totals, rules };
  }
}
