import { BATCH_ENTRY_ID_RE, type SqsLimits } from '../constants';
import { SqsError } from '../errors';
import type { BatchResult } from './types';

/** The whole-request checks of a batch: 1–10 entries with distinct, well-formed ids. */
export function checkBatch(entries: readonly { readonly Id: string }[], entryName: string, limits: SqsLimits): void {
  if (entries.length === 0) throw new SqsError('EmptyBatchRequest', `There should be at least one ${entryName} in the request.`);
  if (entries.length > limits.batchEntries) {
    throw new SqsError('TooManyEntriesInBatchRequest', `Maximum number of entries per request are ${limits.batchEntries}. You have sent ${entries.length}.`);
  }
  const seen = new Set<string>();
  for (const { Id: id } of entries) {
    if (id.length === 0 || id.length > limits.batchEntryIdLength || !BATCH_ENTRY_ID_RE.test(id)) {
      throw new SqsError(
        'InvalidBatchEntryId',
        `A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most ${limits.batchEntryIdLength} letters long. Got ${JSON.stringify(id)}.`,
      );
    }
    if (seen.has(id)) throw new SqsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
    seen.add(id);
  }
}

/** Runs each entry on its own: an entry's SqsError becomes its Failed line, named by the query code. */
export function runBatch<E extends { readonly Id: string }, R extends object>(entries: readonly E[], run: (entry: E) => R): BatchResult<R & { Id: string }> {
  const result: BatchResult<R & { Id: string }> = { Successful: [], Failed: [] };
  for (const entry of entries) {
    try {
      result.Successful.push({ Id: entry.Id, ...run(entry) });
    } catch (err) {
      if (!(err instanceof SqsError)) throw err;
      result.Failed.push({ Id: entry.Id, SenderFault: err.status < 500, Code: err.queryCode, Message: err.message });
    }
  }
  return result;
}
