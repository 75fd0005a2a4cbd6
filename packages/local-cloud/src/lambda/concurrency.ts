import { lambdaError } from './errors';

export interface ConcurrencyProps {
  accountLimit: number;
  minimumUnreserved: number;
}

/**
 * Lambda's concurrency model: an account limit shared by every function; a function with
 * reserved concurrency has exactly that many for itself (and takes them out of the shared pool);
 * the others share what is left. One unit = one busy execution environment.
 */
export class ConcurrencyGovernor {
  private readonly reserved = new Map<string, number>();
  private readonly busy = new Map<string, number>();
  private unreservedBusy = 0;
  private peak = 0;
  private total = 0;

  constructor(private readonly props: ConcurrencyProps) {}

  get accountLimit(): number {
    return this.props.accountLimit;
  }

  get reservedTotal(): number {
    let sum = 0;
    for (const r of this.reserved.values()) sum += r;
    return sum;
  }

  get unreservedLimit(): number {
    return this.props.accountLimit - this.reservedTotal;
  }

  /** Busy environments across the account, now and at the highest. */
  get concurrentExecutions(): { now: number; peak: number } {
    return { now: this.total, peak: this.peak };
  }

  reservation(fn: string): number | undefined {
    return this.reserved.get(fn);
  }

  setReservation(fn: string, value: number): void {
    if (!Number.isInteger(value) || value < 0) throw lambdaError('InvalidParameterValueException', `ReservedConcurrentExecutions must be a whole number ≥ 0, got ${value}`);
    const others = this.reservedTotal - (this.reserved.get(fn) ?? 0);
    if (this.props.accountLimit - others - value < this.props.minimumUnreserved) {
      throw lambdaError(
        'InvalidParameterValueException',
        `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${this.props.minimumUnreserved}].`,
      );
    }
    this.reserved.set(fn, value);
  }

  clearReservation(fn: string): void {
    this.reserved.delete(fn);
  }

  /** Takes one unit for `fn` (returning how to give it back), or says which limit stops it. */
  tryAcquire(fn: string): { ok: true; release: () => void } | { ok: false; reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' | 'ConcurrentInvocationLimitExceeded' } {
    const reserved = this.reserved.get(fn);
    const busy = this.busy.get(fn) ?? 0;
    if (reserved !== undefined) {
      if (busy >= reserved) return { ok: false, reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' };
    } else if (this.unreservedBusy >= this.unreservedLimit) return { ok: false, reason: 'ConcurrentInvocationLimitExceeded' };
    this.busy.set(fn, busy + 1);
    if (reserved === undefined) this.unreservedBusy++;
    this.total++;
    if (this.total > this.peak) this.peak = this.total;
    // The unit goes back to the pool it came from, even if the reservation changes meanwhile.
    const fromShared = reserved === undefined;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.busy.set(fn, (this.busy.get(fn) ?? 1) - 1);
        if (fromShared) this.unreservedBusy--;
        this.total--;
      },
    };
  }

  busyFor(fn: string): number {
    return this.busy.get(fn) ?? 0;
  }

  forget(fn: string): void {
    this.reserved.delete(fn);
  }
}
