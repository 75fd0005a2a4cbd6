/**
 * Key listing as ListObjects, ListObjectsV2 and ListObjectVersions do it: keys in UTF-8 binary
 * order after a marker, under a prefix, rolled up at a delimiter into common prefixes, a page of
 * at most `maxKeys` entries (keys and common prefixes together).
 */

/**
 * Orders strings as their UTF-8 bytes would sort (= code point order). UTF-16 code units agree
 * except that surrogates (code points ≥ U+10000) must sort after U+E000–U+FFFF.
 */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800) x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
    if (y >= 0xd800) y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    return x - y;
  }
  return a.length - b.length;
}

/** First index whose key sorts after `bound` (`inclusive`: at or after it). */
function firstIndex(sorted: readonly string[], bound: string, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareUtf8(sorted[mid] as string, bound);
    if (c < 0 || (c === 0 && !inclusive)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface ListingRequest {
  readonly prefix: string;
  readonly delimiter?: string | undefined;
  /** Exclusive: only entries sorting after it (a start-after key, a marker, a continuation point). */
  readonly after: string;
  readonly maxKeys: number;
}

export interface ListingPage {
  readonly keys: readonly string[];
  readonly commonPrefixes: readonly string[];
  readonly truncated: boolean;
  /** The last entry of the page (a key or a common prefix): where the next page starts after. */
  readonly last: string | undefined;
}

export function listKeys(sorted: readonly string[], req: ListingRequest): ListingPage {
  const keys: string[] = [];
  const commonPrefixes: string[] = [];
  let last: string | undefined;
  let count = 0;
  // Keys under a prefix sort together, from the first key at or after the prefix itself.
  const start = Math.max(firstIndex(sorted, req.after, false), firstIndex(sorted, req.prefix, true));
  for (let i = start; i < sorted.length; i++) {
    const key = sorted[i] as string;
    if (!key.startsWith(req.prefix)) break;
    const cut = req.delimiter ? key.indexOf(req.delimiter, req.prefix.length) : -1;
    const entry = cut >= 0 ? key.slice(0, cut + (req.delimiter as string).length) : key;
    if (cut >= 0 && (entry === last || compareUtf8(entry, req.after) <= 0)) continue;
    if (count === req.maxKeys) return { keys, commonPrefixes, truncated: true, last };
    if (cut >= 0) commonPrefixes.push(entry);
    else keys.push(entry);
    last = entry;
    count++;
  }
  return { keys, commonPrefixes, truncated: false, last };
}

const TOKEN_PREFIX = 'lc1:';

/** An opaque continuation token for the point after `marker`. */
export const encodeContinuationToken = (marker: string): string => Buffer.from(TOKEN_PREFIX + marker, 'utf8').toString('base64');

/** The marker a token stands for, or undefined when the token is not one this service issued. */
export function decodeContinuationToken(token: string): string | undefined {
  const text = Buffer.from(token, 'base64').toString('utf8');
  return text.startsWith(TOKEN_PREFIX) && encodeContinuationToken(text.slice(TOKEN_PREFIX.length)) === token ? text.slice(TOKEN_PREFIX.length) : undefined;
}
