import { LOCAL_LIMITS } from '../limits';
import { SfnApiError } from './api-errors';
import type { HistoryEvent, HistoryRecorder } from './history';

export interface HistoryPage {
  events: HistoryEvent[];
  nextToken?: string;
}

export interface HistoryPageProps {
  maxResults?: number;
  nextToken?: string;
  reverseOrder?: boolean;
  includeExecutionData?: boolean;
}

const DATA_FIELDS = new Set(['input', 'output', 'parameters']);

/** includeExecutionData=false: the same events without input/output/parameters. */
function stripData(ev: HistoryEvent): HistoryEvent {
  const out: HistoryEvent = { ...ev };
  for (const [key, value] of Object.entries(ev)) {
    if (key.endsWith('EventDetails') && value && typeof value === 'object') {
      const details: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (!DATA_FIELDS.has(k)) details[k] = v;
      out[key] = details;
    }
  }
  return out;
}

/** One GetExecutionHistory page: 100 events by default, at most 1,000, oldest or newest first. */
export function historyPage(history: HistoryRecorder, opts: HistoryPageProps): HistoryPage {
  const total = history.size;
  const max = opts.maxResults && opts.maxResults > 0 ? Math.min(opts.maxResults, LOCAL_LIMITS.maxResults) : LOCAL_LIMITS.defaultPageSize;
  let offset = 0;
  if (opts.nextToken !== undefined) {
    const m = /^h(\d+)$/.exec(opts.nextToken);
    if (!m) throw new SfnApiError('InvalidToken', `Invalid Token: '${opts.nextToken}'`);
    offset = Number(m[1]);
  }
  const page: HistoryEvent[] = [];
  for (let i = offset; i < total && page.length < max; i++) {
    const ev = history.get(opts.reverseOrder ? total - i : i + 1);
    page.push(opts.includeExecutionData === false ? stripData(ev) : ev);
  }
  const end = offset + page.length;
  return end < total ? { events: page, nextToken: `h${end}` } : { events: page };
}
