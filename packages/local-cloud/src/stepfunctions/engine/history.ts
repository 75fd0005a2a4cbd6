/** One history event in Step Functions' shape (timestamp as a Date; the server serialises it). */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: string;
  [details: string]: unknown;
}

/** Event type → the name of its details member, as in the GetExecutionHistory response. */
const DETAILS_KEY = new Map<string, string | undefined>();
function detailsKeyOf(type: string): string | undefined {
  if (DETAILS_KEY.has(type)) return DETAILS_KEY.get(type);
  let key: string | undefined;
  if (/StateEntered$/.test(type) || type === 'FailStateEntered') key = 'stateEnteredEventDetails';
  else if (/StateExited$/.test(type)) key = 'stateExitedEventDetails';
  else if (type === 'MapStateStarted') key = 'mapStateStartedEventDetails';
  else if (/^MapIteration/.test(type)) key = `${lowerFirst(type)}EventDetails`;
  else if (
    /^(MapStateSucceeded|MapStateFailed|MapStateAborted|ParallelState(Started|Succeeded|Failed|Aborted)|TaskStateAborted|WaitStateAborted|LambdaFunctionStarted)$/.test(
      type
    )
  )
    key = undefined;
  else key = `${lowerFirst(type)}EventDetails`;
  DETAILS_KEY.set(type, key);
  return key;
}
function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Raised by the recorder when the history limit is reached; the run turns it into a failure. */
export class HistoryLimitExceeded extends Error {
  override readonly name = 'HistoryLimitExceeded';
  constructor(readonly limit: number) {
    super(`The execution reached the maximum number of history events (${limit}).`);
  }
}

/** Stored form: the timestamp stays a number until someone reads the event. */
export interface StoredEvent {
  id: number;
  previousEventId: number;
  ms: number;
  type: string;
  key: string | undefined;
  details: Record<string, unknown> | undefined;
}

/** Told of every event as it is recorded (the execution's CloudWatch Logs delivery). */
export type HistoryObserver = (event: StoredEvent) => void;

/**
 * Append-only history of one execution: O(1) per event, ids are positions + 1, events are
 * turned into the API shape only when read (a page at a time).
 * When the next event would be the limit-th and is not one that ends the run, recording throws
 * so the run can fail as AWS fails it (the failure itself becomes the last event).
 */
export class HistoryRecorder {
  private readonly stored: StoredEvent[] = [];
  protected closed = false;

  constructor(
    private readonly limit: number,
    protected readonly now: () => number,
    protected readonly observer?: HistoryObserver,
  ) {}

  get size(): number {
    return this.stored.length;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Records an event; returns its id (0 after the history is closed by the execution's end). */
  add(type: string, previousEventId: number, details?: Record<string, unknown>): number {
    if (this.closed) return 0;
    const terminal = isTerminal(type);
    if (!terminal && this.stored.length + 1 >= this.limit) throw new HistoryLimitExceeded(this.limit);
    const id = this.stored.length + 1;
    const event: StoredEvent = { id, previousEventId, ms: this.now(), type, key: detailsKeyOf(type), details };
    this.stored.push(event);
    if (terminal) this.closed = true;
    this.observer?.(event);
    return id;
  }

  /** The event with this id (1-based), in the GetExecutionHistory shape. */
  get(id: number): HistoryEvent {
    const s = this.stored[id - 1];
    if (s === undefined) throw new RangeError(`No history event ${id} (history has ${this.stored.length})`);
    const event: HistoryEvent = { id: s.id, previousEventId: s.previousEventId, timestamp: new Date(s.ms), type: s.type };
    if (s.key && s.details) event[s.key] = s.details;
    return event;
  }

  /** Every event, oldest first (materialises them all: prefer paging for long histories). */
  all(): HistoryEvent[] {
    const out: HistoryEvent[] = [];
    for (let id = 1; id <= this.stored.length; id++) out.push(this.get(id));
    return out;
  }

  /** Last recorded id (the previousEventId of a run's closing event). */
  get lastId(): number {
    return this.stored.length;
  }
}

/**
 * An Express execution's history: Step Functions keeps none, so nothing is stored. The events are
 * still numbered and chained, because CloudWatch Logs receives them when logging is on (the
 * observer), and that is the only place an Express execution's steps can be read.
 */
export class UnrecordedHistory extends HistoryRecorder {
  private count = 0;

  constructor(now: () => number = () => 0, observer?: HistoryObserver) {
    super(Infinity, now, observer);
  }

  override add(type: string, previousEventId: number, details?: Record<string, unknown>): number {
    if (this.closed) return 0;
    const id = ++this.count;
    if (isTerminal(type)) this.closed = true;
    this.observer?.({ id, previousEventId, ms: this.now(), type, key: detailsKeyOf(type), details });
    return id;
  }

  override get lastId(): number {
    return this.count;
  }
}

/** Whether an event ends its execution (nothing is recorded after it). */
export function isTerminal(type: string): boolean {
  return type === 'ExecutionSucceeded' || type === 'ExecutionFailed' || type === 'ExecutionAborted' || type === 'ExecutionTimedOut';
}
