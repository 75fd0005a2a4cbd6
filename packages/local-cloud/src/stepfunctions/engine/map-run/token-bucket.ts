import type { Clock } from '../../../core/clock';
import type { Scope } from '../../../core/scope';

/**
 * A token bucket on the shared Clock: `ratePerSecond` tokens a second, holding at most one
 * second's worth, starting with one (a Map Run's first second starts at most `ratePerSecond`
 * children; later, slots freed after a pause can use what was saved up). The dispatcher takes
 * one token per child; when none is left it sleeps until one has been earned (a late timer earns
 * several, which the next starts use at once).
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(private readonly clock: Clock, private readonly ratePerSecond: number) {
    this.tokens = Number.isFinite(ratePerSecond) ? 1 : Infinity;
    this.at = clock.now();
  }

  /** Takes a token if one is there. */
  tryTake(): boolean {
    if (this.tokens === Infinity) return true;
    const now = this.clock.now();
    this.tokens = Math.min(this.ratePerSecond, this.tokens + ((now - this.at) / 1000) * this.ratePerSecond);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Resolves once a token can be taken (AbortedError if the scope aborts first). */
  refill(scope: Scope): Promise<void> {
    return this.clock.sleep(((1 - this.tokens) / this.ratePerSecond) * 1000, scope);
  }
}
