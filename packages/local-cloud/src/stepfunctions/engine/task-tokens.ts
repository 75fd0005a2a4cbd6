import { randomBytes } from 'node:crypto';

/** 48 random bytes, base64url: 64 characters nobody can guess. */
const TOKEN_RE = /^[A-Za-z0-9_-]{64}$/;

export type CallbackOutcome = { kind: 'success'; output: unknown } | { kind: 'failure'; error: string; cause: string } | { kind: 'heartbeat' };

interface OpenToken {
  open: true;
  executionArn: string;
  listener: (outcome: CallbackOutcome) => void;
}
interface ClosedToken {
  open: false;
  executionArn: string;
}

export type TokenLookup = 'malformed' | 'unknown' | 'closed' | 'open';

/** Task tokens of every execution: one per `.waitForTaskToken` attempt. */
export class TaskTokenStore {
  private readonly tokens = new Map<string, OpenToken | ClosedToken>();

  issue(executionArn: string, listener: (outcome: CallbackOutcome) => void): string {
    const token = randomBytes(48).toString('base64url');
    this.tokens.set(token, { open: true, executionArn, listener });
    return token;
  }

  /** The attempt ended (result, failure, timeout, abort): later SendTask* get TaskTimedOut. */
  close(token: string): void {
    const t = this.tokens.get(token);
    if (t?.open) this.tokens.set(token, { open: false, executionArn: t.executionArn });
  }

  lookup(token: string): TokenLookup {
    if (!TOKEN_RE.test(token)) return 'malformed';
    const t = this.tokens.get(token);
    if (!t) return 'unknown';
    return t.open ? 'open' : 'closed';
  }

  /** Delivers an outcome to an open token; success/failure close it. */
  deliver(token: string, outcome: CallbackOutcome): void {
    const t = this.tokens.get(token);
    if (!t?.open) return;
    if (outcome.kind !== 'heartbeat') this.close(token);
    t.listener(outcome);
  }

  /** Forget an execution's tokens (its record was deleted). */
  forgetExecution(executionArn: string): void {
    for (const [token, t] of this.tokens) if (t.executionArn === executionArn) this.tokens.delete(token);
  }
}
