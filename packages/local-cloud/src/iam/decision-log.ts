/** What IAM decided during a run: every denial (kept up to a bound, always counted and summarised) and counts of the rest. */
import { DENIAL_LOG_ENTRIES } from './constants';
import type { DenialReason } from './evaluator';

/** Why a call or a role assumption was refused. */
export type RefusalReason = DenialReason | 'NoSuchRole' | 'TrustPolicy';

export interface DenialRecord {
  /** AWS time (the shared clock), ISO 8601. */
  readonly time: string;
  /** The role session's ARN or the service principal. */
  readonly principal: string;
  readonly callerKind: 'role' | 'service';
  /** The resource a service principal acted for (the rule, the function). */
  readonly sourceArn?: string;
  readonly action: string;
  readonly resource: string;
  readonly reason: RefusalReason;
  readonly message: string;
  /** False in audit mode: the call went ahead and only this record says IAM would have refused it. */
  readonly enforced: boolean;
}

export interface DenialSummaryEntry {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly reason: RefusalReason;
  readonly count: number;
}

export interface DecisionCounts {
  /** Allowed calls, external callers included. */
  readonly allowed: number;
  /** Of the allowed, those by external callers (administrators, not evaluated). */
  readonly external: number;
  /** Refused calls (enforce mode). */
  readonly denied: number;
  /** Calls IAM would have refused, let through in audit mode. */
  readonly wouldDeny: number;
  /** Calls let through unevaluated because enforcement is off. */
  readonly unenforced: number;
  /** Decisions the simulator computed. */
  readonly evaluations: number;
  /** Decisions reused from the cache. */
  readonly cacheHits: number;
  /** Denials counted and summarised but not kept one by one (beyond the log's bound). */
  readonly denialsNotKept: number;
}

type MutableCounts = { -readonly [K in keyof DecisionCounts]: DecisionCounts[K] };

const ZERO: DecisionCounts = { allowed: 0, external: 0, denied: 0, wouldDeny: 0, unenforced: 0, evaluations: 0, cacheHits: 0, denialsNotKept: 0 };

export class DecisionLog {
  private tally: MutableCounts = { ...ZERO };
  private records: DenialRecord[] = [];
  private readonly grouped = new Map<string, { entry: Omit<DenialSummaryEntry, 'count'>; count: number }>();

  constructor(private readonly maxRecords = DENIAL_LOG_ENTRIES) {}

  allowed(external: boolean): void {
    this.tally.allowed++;
    if (external) this.tally.external++;
  }

  unenforced(): void {
    this.tally.unenforced++;
  }

  evaluated(): void {
    this.tally.evaluations++;
  }

  cacheHit(): void {
    this.tally.cacheHits++;
  }

  denied(record: DenialRecord): void {
    if (record.enforced) this.tally.denied++;
    else this.tally.wouldDeny++;
    if (this.records.length < this.maxRecords) this.records.push(record);
    else this.tally.denialsNotKept++;
    const key = [record.principal, record.action, record.resource, record.reason].join('\u0000');
    const group = this.grouped.get(key);
    if (group !== undefined) group.count++;
    else this.grouped.set(key, { entry: { principal: record.principal, action: record.action, resource: record.resource, reason: record.reason }, count: 1 });
  }

  counts(): DecisionCounts {
    return { ...this.tally };
  }

  /** Denials in the order they happened, up to the log's bound. */
  denials(): readonly DenialRecord[] {
    return [...this.records];
  }

  /** Denials grouped by principal, action, resource and reason, most frequent first. */
  summary(): DenialSummaryEntry[] {
    return [...this.grouped.values()].map((g) => ({ ...g.entry, count: g.count })).sort((a, b) => b.count - a.count);
  }

  reset(): void {
    this.tally = { ...ZERO };
    this.records = [];
    this.grouped.clear();
  }
}
