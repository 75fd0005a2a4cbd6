import type { Caller } from '../../../core/caller';
import { StatesError, STATES_ERRORS } from '../../asl/errors';
import { applyPayloadTemplate } from '../../asl/payload';
import type { ExecutionRecord } from '../execution';
import type { StepContext } from '../step-context';
import type { WorkUnit } from './dispatcher';
import { describeServiceError } from './item-reader';
import type { MapRun } from './map-run';

/** A unit and the child that ran it (undefined: never started). */
export interface ChildResult {
  unit: WorkUnit;
  record: ExecutionRecord | undefined;
}

type Entry = Record<string, unknown>;
export type Transformation = 'NONE' | 'COMPACT' | 'FLATTEN';
type Category = 'FAILED' | 'PENDING' | 'SUCCEEDED';
const CATEGORIES: readonly Category[] = ['FAILED', 'PENDING', 'SUCCEEDED'];

const INCLUDED = Object.freeze({ Included: true });

/**
 * A child as a result file (and WriterConfig NONE) shows it, members in AWS's order: the
 * execution's ARN, name, input, output (or Error/Cause), dates, status and redrive standing.
 * A unit that never started is its input and `Status: PENDING`.
 */
export function resultEntry({ unit, record }: ChildResult): Entry {
  if (!record) return { Input: unit.text, InputDetails: INCLUDED, Status: 'PENDING' };
  const entry: Entry = {};
  if (record.status !== 'SUCCEEDED') {
    if (record.cause !== undefined) entry['Cause'] = record.cause;
    if (record.error !== undefined) entry['Error'] = record.error;
  }
  Object.assign(entry, { ExecutionArn: record.executionArn, Input: record.input, InputDetails: INCLUDED, Name: record.name });
  if (record.status === 'SUCCEEDED') Object.assign(entry, { Output: record.output, OutputDetails: INCLUDED });
  const succeeded = record.status === 'SUCCEEDED';
  Object.assign(entry, { RedriveCount: 0, RedriveStatus: succeeded ? 'NOT_REDRIVABLE' : 'REDRIVABLE' });
  if (succeeded) entry['RedriveStatusReason'] = 'Execution is SUCCEEDED and cannot be redriven';
  entry['StartDate'] = record.startDate.toISOString();
  entry['StateMachineArn'] = record.stateMachineArn;
  entry['Status'] = record.status;
  if (record.stopDate) entry['StopDate'] = record.stopDate.toISOString();
  return entry;
}

/**
 * The results under a Transformation: NONE gives every child's entry; COMPACT the succeeded
 * children's outputs; FLATTEN those outputs with arrays spread. A child that did not succeed is
 * its entry whatever the transformation, as AWS documents.
 */
export function transformResults(results: readonly ChildResult[], transformation: Transformation): unknown[] {
  const out: unknown[] = [];
  for (const r of results) {
    if (transformation === 'NONE' || r.record?.status !== 'SUCCEEDED') {
      out.push(resultEntry(r));
      continue;
    }
    const output = JSON.parse(r.record.output ?? 'null') as unknown;
    if (transformation === 'FLATTEN' && Array.isArray(output)) out.push(...output);
    else out.push(output);
  }
  return out;
}

function categoryOf(r: ChildResult): Category {
  if (!r.record) return 'PENDING';
  return r.record.status === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED';
}

/** Result files of one category: as few as the per-file byte limit allows, each a JSON array (or JSON Lines). */
function files(values: readonly unknown[], maxBytes: number, jsonLines: boolean): string[] {
  const out: string[] = [];
  let parts: string[] = [];
  let size = 2;
  const flush = (): void => {
    out.push(jsonLines ? parts.join('\n') : `[${parts.join(',')}]`);
    parts = [];
    size = 2;
  };
  for (const v of values) {
    const text = JSON.stringify(v);
    const b = Buffer.byteLength(text, 'utf8') + 1;
    if (parts.length > 0 && size + b > maxBytes) flush();
    parts.push(text);
    size += b;
  }
  if (parts.length > 0) flush();
  return out;
}

/**
 * ResultWriter to S3: `<Prefix>/<map run id>/SUCCEEDED_n.json`, `FAILED_n.json`, `PENDING_n.json`,
 * then `manifest.json` naming them with their sizes. Returns where the manifest is; a failed write
 * is States.ResultWriterFailed.
 */
export async function writeResults(step: StepContext, effective: unknown, run: MapRun, results: readonly ChildResult[], caller: Caller): Promise<{ Bucket: string; Key: string }> {
  const writer = step.state.ResultWriter as unknown as Entry;
  const fail = (why: string): StatesError => new StatesError(STATES_ERRORS.resultWriterFailed, `State '${step.name}': ResultWriter ${why}`);
  const params = applyPayloadTemplate(writer['Parameters'], effective, step.contextObject, step.name) as Entry;
  const bucket = params['Bucket'];
  const prefix = params['Prefix'] ?? '';
  if (typeof bucket !== 'string' || typeof prefix !== 'string') throw fail(`Parameters must resolve to a string Bucket and Prefix, got ${JSON.stringify(params)}`);
  const s3 = step.services.distributed.s3;
  if (!s3) throw fail('has no S3 to write to: the engine was created without StepFunctionsEngineProps.s3');
  const config = writer['WriterConfig'] as { Transformation: Transformation; OutputType: 'JSON' | 'JSONL' } | undefined;
  const folder = `${prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`}${run.id}/`;
  const put = async (key: string, body: string): Promise<void> => {
    try {
      await s3.putObject(bucket, key, body, caller, 'application/json');
    } catch (err) {
      throw fail(`could not put s3://${bucket}/${key}: ${describeServiceError(err)}`);
    }
  };
  const manifestFiles: Record<Category, { Key: string; Size: number }[]> = { FAILED: [], PENDING: [], SUCCEEDED: [] };
  for (const category of CATEGORIES) {
    const chosen = results.filter((r) => categoryOf(r) === category);
    const values = transformResults(chosen, config?.Transformation ?? 'NONE');
    const bodies = files(values, step.services.limits.resultWriterFileBytes, config?.OutputType === 'JSONL');
    for (const [n, body] of bodies.entries()) {
      const key = `${folder}${category}_${n}.json`;
      await put(key, body);
      manifestFiles[category].push({ Key: key, Size: Buffer.byteLength(body, 'utf8') });
    }
    if (category !== 'PENDING') run.written(chosen.reduce((sum, r) => sum + r.unit.itemCount, 0), chosen.length);
  }
  const manifestKey = `${folder}manifest.json`;
  await put(manifestKey, JSON.stringify({ DestinationBucket: bucket, MapRunArn: run.mapRunArn, ResultFiles: manifestFiles }));
  return { Bucket: bucket, Key: manifestKey };
}
