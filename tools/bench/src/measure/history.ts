/**
 * Execution history events in one shape, whatever their source: the SDK's (timestamp a Date),
 * the wire's (epoch seconds), or a saved copy of either (ISO text). Everything downstream works
 * on these and is pure.
 */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  type: string;
  /** Epoch milliseconds (AWS time: simulated time on the local cloud). */
  ms: number;
  /** The event's `…EventDetails` member, or {} when it has none. */
  details: Record<string, unknown>;
}

export class HistoryFormatError extends Error {
  override readonly name = 'HistoryFormatError';
}

function toMs(value: unknown, id: unknown): number {
  if (value instanceof Date) return value.getTime();
  // The JSON wire format carries epoch seconds with a fraction.
  if (typeof value === 'number') return value < 1e11 ? Math.round(value * 1000) : value;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new HistoryFormatError(`history event ${String(id)}: timestamp ${JSON.stringify(value)} is neither a date nor epoch seconds`);
}

export function normaliseHistory(events: readonly unknown[]): HistoryEvent[] {
  return events
    .map((raw) => {
      const event = raw as Record<string, unknown>;
      if (typeof event['type'] !== 'string' || typeof event['id'] !== 'number') {
        throw new HistoryFormatError(`not a history event (needs a numeric id and a type): ${JSON.stringify(raw).slice(0, 120)}`);
      }
      const detailsKey = Object.keys(event).find((k) => k.endsWith('EventDetails'));
      const details = detailsKey === undefined ? {} : ((event[detailsKey] ?? {}) as Record<string, unknown>);
      return { id: event['id'], previousEventId: Number(event['previousEventId'] ?? 0), type: event['type'], ms: toMs(event['timestamp'], event['id']), details };
    })
    .sort((a, b) => a.id - b.id);
}

export const EXECUTION_END_TYPES = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionTimedOut', 'ExecutionAborted']);

/** ExecutionStarted to the execution's end, in ms; undefined while it has not ended. */
export function makespanMs(history: readonly HistoryEvent[]): number | undefined {
  const start = history.find((e) => e.type === 'ExecutionStarted');
  const end = history.find((e) => EXECUTION_END_TYPES.has(e.type));
  return start && end ? end.ms - start.ms : undefined;
}

/** UTF-8 size of a state's output as the history recorded it, and whether the history cut it short. */
export function stateOutputBytes(history: readonly HistoryEvent[], stateName: string): { bytes: number; truncated: boolean } | undefined {
  const exited = history.find((e) => e.type.endsWith('StateExited') && e.details['name'] === stateName);
  const output = exited?.details['output'];
  if (typeof output !== 'string') return undefined;
  const truncated = (exited?.details['outputDetails'] as { truncated?: boolean } | undefined)?.truncated === true;
  return { bytes: Buffer.byteLength(output, 'utf8'), truncated };
}
