import {
  AWS_LIMITS,
  type Case,
  type FlatRequest,
  type Slot,
  type SlottedRequest,
  duplicateCaseIdIssues,
} from '@fanout/shared-types';

/** Raised for arguments the splitter cannot honour (slot count, chunk size, duplicate cases). */
export class SplitError extends Error {
  override readonly name = 'SplitError';
}

export interface SlotOptions {
  /** Number of Parallel branches, N ≥ 1. */
  slots: number;
  /** Consecutive cases dealt to one slot at a time, c ≥ 1; defaults to N as in the seed. */
  chunkSize?: number;
}

export interface ChunkedRequest {
  requestId: string;
  requestChunks: Slot[];
}

function requirePositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new SplitError(`${name} must be a whole number ≥ 1, got ${String(value)}`);
  }
}

function requireUniqueCaseIds(cases: readonly Case[], where: (index: number) => string): void {
  const issues = duplicateCaseIdIssues(cases, where);
  if (issues.length > 0) {
    const first = issues[0]!;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    throw new SplitError(`every caseId must be unique: ${first.path}: ${first.message}${more}`);
  }
}

/**
 * Flat → slotted: chunk k (cases k·c … k·c+c−1) goes to slot k mod N. With the seed's N = c = 3,
 * cases 0,1,2 → slot 0; 3,4,5 → slot 1; 6,7,8 → slot 2; 9,10,11 → slot 0 …
 * Order within a slot follows input order and slot sizes differ by at most c.
 */
export function toSlotted(flat: FlatRequest, options: SlotOptions): SlottedRequest {
  const { slots } = options;
  const chunkSize = options.chunkSize ?? slots;
  requirePositiveInteger('slots', slots);
  requirePositiveInteger('chunkSize', chunkSize);
  requireUniqueCaseIds(flat.requests, (i) => `requests[${i}]`);

  const requestSlots: Slot[] = Array.from({ length: slots }, () => ({ requests: [] }));
  flat.requests.forEach((item, index) => {
    const chunk = Math.floor(index / chunkSize);
    requestSlots[chunk % slots]!.requests.push(item);
  });
  return { requestId: flat.requestId, requestSlots };
}

/**
 * Flat → consecutive chunks of at most `size` cases (default 40, the inline Map's concurrency),
 * the input of a Map-in-Map comparison.
 */
export function toChunks(flat: FlatRequest, size: number = AWS_LIMITS.inlineMapMaxConcurrency): ChunkedRequest {
  requirePositiveInteger('size', size);
  requireUniqueCaseIds(flat.requests, (i) => `requests[${i}]`);
  const requestChunks: Slot[] = [];
  for (let start = 0; start < flat.requests.length; start += size) {
    requestChunks.push({ requests: flat.requests.slice(start, start + size) });
  }
  return { requestId: flat.requestId, requestChunks };
}

/**
 * Slotted → flat by taking chunks of c from each slot in turn: the exact inverse of `toSlotted`
 * with the same chunk size (default: the slot count); for any other slotted request it still
 * yields every case exactly once.
 */
export function toFlat(slotted: SlottedRequest, chunkSize: number = slotted.requestSlots.length): FlatRequest {
  requirePositiveInteger('chunkSize', chunkSize);
  const located = slotted.requestSlots.flatMap((slot, s) => slot.requests.map((_, i) => `requestSlots[${s}].requests[${i}]`));
  requireUniqueCaseIds(
    slotted.requestSlots.flatMap((slot) => slot.requests),
    (i) => located[i] ?? `case ${i}`,
  );

  const requests: Case[] = [];
  const cursors = slotted.requestSlots.map(() => 0);
  let remaining = slotted.requestSlots.reduce((sum, slot) => sum + slot.requests.length, 0);
  while (remaining > 0) {
    slotted.requestSlots.forEach((slot, s) => {
      const start = cursors[s]!;
      const chunk = slot.requests.slice(start, start + chunkSize);
      cursors[s] = start + chunk.length;
      remaining -= chunk.length;
      requests.push(...chunk);
    });
  }
  return { requestId: slotted.requestId, requests, length: String(requests.length) };
}
