import type { ExecutionStatus } from '../execution';

export type MapRunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

/** MapRunItemCounts / MapRunExecutionCounts, as DescribeMapRun returns them. */
export interface MapRunCounts {
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  aborted: number;
  total: number;
  resultsWritten: number;
  failuresNotRedrivable: number;
  pendingRedrive: number;
}

function zeroCounts(): MapRunCounts {
  return { pending: 0, running: 0, succeeded: 0, failed: 0, timedOut: 0, aborted: 0, total: 0, resultsWritten: 0, failuresNotRedrivable: 0, pendingRedrive: 0 };
}

/** The failure budget: undefined where the definition (or UpdateMapRun) stated none. */
export interface Tolerance {
  count: number | undefined;
  percentage: number | undefined;
}

export interface MapRunProps {
  mapRunArn: string;
  /** The parent execution. */
  executionArn: string;
  /** `…:stateMachine:<parent>/<label>`: the state machine the children run. */
  stateMachineArn: string;
  label: string;
  startDate: Date;
  /** As configured: 0 means as many as Step Functions allows. */
  maxConcurrency: number;
  tolerance: Tolerance;
}

/** Where a finished child's status goes in the counts. */
const COUNTED: Readonly<Record<Exclude<ExecutionStatus, 'RUNNING'>, 'succeeded' | 'failed' | 'timedOut' | 'aborted'>> = {
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  TIMED_OUT: 'timedOut',
  ABORTED: 'aborted',
};

/**
 * One Map Run: the set of child executions a Distributed Map started, its runtime settings
 * (UpdateMapRun changes them while it runs) and its progress counted by item and by execution.
 */
export class MapRun {
  readonly mapRunArn: string;
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly label: string;
  readonly startDate: Date;
  readonly itemCounts = zeroCounts();
  readonly executionCounts = zeroCounts();
  /** The children's ARNs in start order (ListExecutions by mapRunArn). */
  readonly children: string[] = [];
  status: MapRunStatus = 'RUNNING';
  stopDate: Date | undefined;
  maxConcurrency: number;
  tolerance: Tolerance;
  private readonly listeners = new Set<() => void>();

  constructor(props: MapRunProps) {
    this.mapRunArn = props.mapRunArn;
    this.executionArn = props.executionArn;
    this.stateMachineArn = props.stateMachineArn;
    this.label = props.label;
    this.startDate = props.startDate;
    this.maxConcurrency = props.maxConcurrency;
    this.tolerance = { ...props.tolerance };
  }

  /** The last segment of the ARN: the folder a ResultWriter writes into. */
  get id(): string {
    return this.mapRunArn.slice(this.mapRunArn.lastIndexOf(':') + 1);
  }

  /** Called when UpdateMapRun changes a setting (the dispatcher re-reads them). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  update(change: { maxConcurrency?: number | undefined; toleratedFailureCount?: number | undefined; toleratedFailurePercentage?: number | undefined }): void {
    if (change.maxConcurrency !== undefined) this.maxConcurrency = change.maxConcurrency;
    if (change.toleratedFailureCount !== undefined) this.tolerance.count = change.toleratedFailureCount;
    if (change.toleratedFailurePercentage !== undefined) this.tolerance.percentage = change.toleratedFailurePercentage;
    for (const l of [...this.listeners]) l();
  }

  /** The work is known: `items` items in `executions` child executions, all pending. */
  planned(items: number, executions: number): void {
    this.itemCounts.total = this.itemCounts.pending = items;
    this.executionCounts.total = this.executionCounts.pending = executions;
  }

  started(arn: string, items: number): void {
    this.children.push(arn);
    this.move(this.itemCounts, 'pending', 'running', items);
    this.move(this.executionCounts, 'pending', 'running', 1);
  }

  ended(status: Exclude<ExecutionStatus, 'RUNNING'>, items: number): void {
    this.move(this.itemCounts, 'running', COUNTED[status], items);
    this.move(this.executionCounts, 'running', COUNTED[status], 1);
  }

  /** Results placed in the state output or written by the ResultWriter. */
  written(items: number, executions: number): void {
    this.itemCounts.resultsWritten += items;
    this.executionCounts.resultsWritten += executions;
  }

  /** Items that failed or timed out: what the tolerated failure threshold is measured on. */
  get failedItems(): number {
    return this.itemCounts.failed + this.itemCounts.timedOut;
  }

  /**
   * Whether the failures exceed the threshold. With neither bound stated the threshold is 0:
   * one failure fails the Map Run. With both, exceeding either one does.
   */
  get thresholdExceeded(): boolean {
    const failed = this.failedItems;
    if (failed === 0) return false;
    const { count, percentage } = this.tolerance;
    if (count === undefined && percentage === undefined) return true;
    if (count !== undefined && failed > count) return true;
    return percentage !== undefined && (failed / Math.max(1, this.itemCounts.total)) * 100 > percentage;
  }

  stop(status: Exclude<MapRunStatus, 'RUNNING'>, at: Date): void {
    if (this.status !== 'RUNNING') return;
    this.status = status;
    this.stopDate = at;
    this.listeners.clear();
  }

  private move(counts: MapRunCounts, from: keyof MapRunCounts, to: keyof MapRunCounts, n: number): void {
    counts[from] -= n;
    counts[to] += n;
  }
}
