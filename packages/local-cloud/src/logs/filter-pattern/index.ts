import { compileDelimitedPattern } from './delimited-pattern';
import { compileJsonPattern } from './json-pattern';
import { compileTextPattern } from './text-pattern';
import { FilterPatternError } from './values';
import { LOGS_LIMITS } from '../limits';

export { FilterPatternError } from './values';
export { splitFields } from './delimited-pattern';

/** Whether one log event's message matches. */
export type LogEventMatcher = (message: string) => boolean;

const MATCH_ALL: LogEventMatcher = () => true;
/** Patterns compiled lately: paging through FilterLogEvents repeats the same one. */
const cache = new Map<string, LogEventMatcher>();
const CACHE_SIZE = 64;

/**
 * Compiles a CloudWatch Logs filter pattern: `{ … }` (JSON), `[ … ]` (space-delimited), anything
 * else unstructured terms; empty matches every event. Throws FilterPatternError naming what is wrong.
 */
export function compileFilterPattern(pattern: string | undefined): LogEventMatcher {
  const text = (pattern ?? '').trim();
  if (text === '') return MATCH_ALL;
  const cached = cache.get(text);
  if (cached) return cached;
  if (text.length > LOGS_LIMITS.filterPatternMaxLength) throw new FilterPatternError(`A filter pattern is at most ${LOGS_LIMITS.filterPatternMaxLength} characters, got ${text.length}`);
  const compiled = text.startsWith('{') ? compileJsonPattern(text) : text.startsWith('[') ? compileDelimitedPattern(text) : compileTextPattern(text);
  const matcher: LogEventMatcher = (message) => compiled.matches(message);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(text, matcher);
  return matcher;
}

