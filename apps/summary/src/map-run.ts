/**
 * Reading one distributed-map execution back from S3: the Map Run's manifest and its result
 * files (every case's outcome), and, for an items request, the items object (what was asked for).
 */
import {
  type DistributedSummaryInput,
  type LocatedOutcome,
  ResultManifestSchema,
  type ValidationIssue,
  itemCaseId,
  parseItems,
  parseWith,
} from '@fanout/shared-types';
import { outcomesOfResultFile, throwIfIssues } from './result-files';
import type { OutcomesToSummarise } from './summarise';

/** GetObject's body as text (the S3 client in production, a map in tests). */
export type ObjectReader = (bucket: string, key: string) => Promise<string>;

export interface MapRunRead extends OutcomesToSummarise {
  /** Result files of children that never started (PENDING): their cases are counted missing. */
  readonly pendingFiles: number;
  /** Items without a valid caseId: their children record them as unidentified failures. */
  readonly itemsWithoutCaseId: number;
}

function parseJsonObject(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    return throwIfIssues([{ path: '', message: `not JSON: ${(error as Error).message}` }], source);
  }
}

const basename = (key: string) => key.slice(key.lastIndexOf('/') + 1);

/**
 * Every outcome the Map Run wrote: the SUCCEEDED and FAILED result files the manifest lists, in
 * its order. PENDING files are not read: a child that never started has no outcome, so its case
 * is missing — which the expected caseIds already say.
 */
async function readOutcomes(read: ObjectReader, details: DistributedSummaryInput['resultWriterDetails']): Promise<{ outcomes: LocatedOutcome[]; pendingFiles: number }> {
  const manifestSource = `s3://${details.Bucket}/${details.Key}`;
  const manifest = parseWith(ResultManifestSchema, parseJsonObject(await read(details.Bucket, details.Key), manifestSource), manifestSource, 'ResultWriter manifest');
  const outcomes: LocatedOutcome[] = [];
  const issues: ValidationIssue[] = [];
  for (const file of [...manifest.ResultFiles.SUCCEEDED, ...manifest.ResultFiles.FAILED]) {
    const source = `s3://${manifest.DestinationBucket}/${file.Key}`;
    const result = outcomesOfResultFile(parseJsonObject(await read(manifest.DestinationBucket, file.Key), source), basename(file.Key));
    outcomes.push(...result.outcomes);
    issues.push(...result.issues);
  }
  throwIfIssues(issues, manifestSource);
  return { outcomes, pendingFiles: manifest.ResultFiles.PENDING.length };
}

/** The caseIds asked for: the request's, or those of the items object the ItemReader read. */
async function readExpected(read: ObjectReader, input: DistributedSummaryInput): Promise<{ expectedCaseIds: string[]; itemsWithoutCaseId: number }> {
  if ('expectedCaseIds' in input) return { expectedCaseIds: input.expectedCaseIds, itemsWithoutCaseId: 0 };
  const { bucket, key, inputType } = input.items;
  const items = parseItems(await read(bucket, key), inputType, `s3://${bucket}/${key}`);
  const expectedCaseIds: string[] = [];
  for (const item of items) {
    const caseId = itemCaseId(item);
    if (caseId !== undefined) expectedCaseIds.push(caseId);
  }
  return { expectedCaseIds, itemsWithoutCaseId: items.length - expectedCaseIds.length };
}

export async function readMapRun(read: ObjectReader, input: DistributedSummaryInput): Promise<MapRunRead> {
  const [expected, results] = await Promise.all([readExpected(read, input), readOutcomes(read, input.resultWriterDetails)]);
  return { requestId: input.requestId, ...expected, ...results };
}
