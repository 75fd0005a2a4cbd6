/**
 * The distributed-map pattern's own shapes: its request (the cases inline, or an items object in
 * S3), the items object data-gen writes for upload, what a Distributed Map's ResultWriter leaves
 * in S3 (Step Functions' manifest and result files), and what the state machine hands its Summary.
 */
import * as v from 'valibot';
import { type Case, CaseSchema, type FlatRequest, FlatRequestSchema, parseFlatRequest } from './messages';
import { ValidationError, type ValidationIssue, parseWith } from './validation';

/** Keys the state machine may read items from (ItemReader) and the Summary reads them back. */
export const ITEMS_PREFIX = 'inputs/';
/** ResultWriter's Prefix: Step Functions writes `results/<map run id>/manifest.json` and the result files beside it. */
export const RESULTS_PREFIX = 'results';

/** The two formats a Distributed Map reads an items object in (ReaderConfig.InputType). */
export const ITEMS_INPUT_TYPES = ['JSONL', 'JSON'] as const;
export type ItemsInputType = (typeof ITEMS_INPUT_TYPES)[number];
/** File extension of an items object per format. */
export const ITEMS_EXTENSIONS: Record<ItemsInputType, string> = { JSONL: '.jsonl', JSON: '.json' };

const RequestIdSchema = FlatRequestSchema.entries.requestId;
/** S3's bucket naming rules (general purpose buckets). */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * A request whose cases are in an items object: `{"requestId":"…","itemsBucket":"…","itemsKey":"inputs/…"}`.
 * The key must sit under `inputs/`, the only prefix the state machine may read.
 */
export const ItemsRequestSchema = v.strictObject({
  requestId: RequestIdSchema,
  itemsBucket: v.pipe(v.string('itemsBucket must be a string'), v.regex(BUCKET_NAME, 'itemsBucket must be an S3 bucket name')),
  itemsKey: v.pipe(
    v.string('itemsKey must be a string'),
    v.startsWith(ITEMS_PREFIX, `itemsKey must start with ${ITEMS_PREFIX} (the only prefix the state machine may read)`),
    v.check((key) => Buffer.byteLength(key, 'utf8') <= 1024, 'itemsKey must be at most 1,024 bytes (an S3 key)'),
  ),
});
export type ItemsRequest = v.InferOutput<typeof ItemsRequestSchema>;

/** What one distributed-map execution is started with: the cases themselves, or where they are. */
export type DistributedRequest = { kind: 'inline'; request: FlatRequest } | { kind: 'items'; request: ItemsRequest };

/**
 * Validates a distributed-map request: a flat request when it carries `requests` (checked as
 * parseFlatRequest does), an items request when it carries `itemsKey`; never both.
 */
export function parseDistributedRequest(value: unknown, source = 'distributed-map request'): DistributedRequest {
  const fields = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  const hasRequests = 'requests' in fields;
  const hasItems = 'itemsKey' in fields || 'itemsBucket' in fields;
  if (hasRequests === hasItems) {
    throw new ValidationError(source, 'distributed-map request', [
      { path: '', message: hasRequests ? 'carries both requests and itemsBucket/itemsKey: give one' : 'must carry requests (the cases) or itemsBucket and itemsKey (an items object in S3)' },
    ]);
  }
  if (hasRequests) return { kind: 'inline', request: parseFlatRequest(value, source) };
  return { kind: 'items', request: parseWith(ItemsRequestSchema, value, source, 'items request') };
}

/** The items object for upload: one case per line (JSONL, no trailing newline after the last) or one JSON array. */
export function serializeItems(cases: readonly Case[], inputType: ItemsInputType): string {
  return inputType === 'JSON' ? JSON.stringify(cases) : cases.map((c) => JSON.stringify(c)).join('\n');
}

/** The items of an items object as ItemReader reads them: every non-empty line (JSONL), or the array's elements (JSON). */
export function parseItems(text: string, inputType: ItemsInputType, source: string): unknown[] {
  const fail = (issues: ValidationIssue[]): never => {
    throw new ValidationError(source, `items object (${inputType})`, issues);
  };
  if (inputType === 'JSON') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return fail([{ path: '', message: `not JSON: ${(error as Error).message}` }]);
    }
    return Array.isArray(parsed) ? parsed : fail([{ path: '', message: 'must be a JSON array of cases' }]);
  }
  const items: unknown[] = [];
  const issues: ValidationIssue[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      items.push(JSON.parse(line));
    } catch (error) {
      issues.push({ path: `line ${index + 1}`, message: `not JSON: ${(error as Error).message}` });
    }
  });
  return issues.length > 0 ? fail(issues) : items;
}

/** The caseId of an item when it is a valid one, else undefined (its child execution records it as unidentified). */
export function itemCaseId(item: unknown): string | undefined {
  const caseId = typeof item === 'object' && item !== null ? (item as { caseId?: unknown }).caseId : undefined;
  return v.is(CaseSchema.entries.caseId, caseId) ? caseId : undefined;
}

/** The Distributed Map's output with a ResultWriter: where Step Functions wrote the Map Run's manifest. */
export const ResultWriterDetailsSchema = v.looseObject({
  Bucket: v.string('ResultWriterDetails.Bucket must be a string'),
  Key: v.string('ResultWriterDetails.Key must be a string'),
});
export type ResultWriterDetails = v.InferOutput<typeof ResultWriterDetailsSchema>;

const ResultFileSchema = v.looseObject({ Key: v.string('a result file Key must be a string'), Size: v.exactOptional(v.number()) });

/**
 * `manifest.json` as Step Functions writes it: the destination bucket, the Map Run, and the result
 * files per child status. Loose: only the fields the Summary reads are checked.
 */
export const ResultManifestSchema = v.looseObject({
  DestinationBucket: v.string('DestinationBucket must be a string'),
  MapRunArn: v.string('MapRunArn must be a string'),
  ResultFiles: v.looseObject({
    SUCCEEDED: v.exactOptional(v.array(ResultFileSchema), []),
    FAILED: v.exactOptional(v.array(ResultFileSchema), []),
    PENDING: v.exactOptional(v.array(ResultFileSchema), []),
  }),
});
export type ResultManifest = v.InferOutput<typeof ResultManifestSchema>;

/**
 * One child execution in a result file (ResultWriter without WriterConfig: Transformation NONE,
 * a JSON array). Input and Output are the child's input and output as JSON text; a failed child
 * has Error and Cause. Loose: Step Functions adds metadata (ARNs, dates, redrive state).
 */
export const ResultEntrySchema = v.looseObject({
  Status: v.string('Status must be a string'),
  Input: v.string('Input must be a string (the child execution input as JSON)'),
  Output: v.exactOptional(v.string('Output must be a string (the child execution output as JSON)')),
  Error: v.exactOptional(v.string()),
  Cause: v.exactOptional(v.string()),
  ExecutionArn: v.exactOptional(v.string()),
});
export type ResultEntry = v.InferOutput<typeof ResultEntrySchema>;

const itemsLocationEntries = {
  bucket: v.string('items.bucket must be a string'),
  key: v.string('items.key must be a string'),
  inputType: v.picklist(ITEMS_INPUT_TYPES, `items.inputType must be one of ${ITEMS_INPUT_TYPES.join(', ')}`),
};

/**
 * What the distributed-map state machine hands its Summary: the Map Run's manifest, and what was
 * asked for — the caseIds of an inline request, or the items object of an items request (the
 * Summary reads it: the execution input holds only its location).
 */
export const DistributedSummaryInputSchema = v.union(
  [
    v.strictObject({ requestId: RequestIdSchema, resultWriterDetails: ResultWriterDetailsSchema, expectedCaseIds: v.array(v.string('expectedCaseIds must hold strings')) }),
    v.strictObject({ requestId: RequestIdSchema, resultWriterDetails: ResultWriterDetailsSchema, items: v.strictObject(itemsLocationEntries) }),
  ],
  'must be {requestId, resultWriterDetails, expectedCaseIds} or {requestId, resultWriterDetails, items: {bucket, key, inputType}}',
);
export type DistributedSummaryInput = v.InferOutput<typeof DistributedSummaryInputSchema>;

export function parseDistributedSummaryInput(value: unknown, source = 'summary event'): DistributedSummaryInput {
  return parseWith(DistributedSummaryInputSchema, value, source, 'distributed-map summary input');
}
