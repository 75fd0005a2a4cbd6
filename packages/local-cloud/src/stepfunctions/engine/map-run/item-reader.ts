import { AWS_LIMITS } from '@fanout/shared-types';
import { AwsError } from '../../../core/aws-error';
import type { Caller } from '../../../core/caller';
import { READER_RESOURCES, optimisedAction } from '../../asl/distributed-checks';
import { StatesError, STATES_ERRORS } from '../../asl/errors';
import { applyPayloadTemplate } from '../../asl/payload';
import { LOCAL_LIMITS } from '../../limits';
import { numberField } from '../states/map-fields';
import type { StepContext } from '../step-context';
import { CSV_DELIMITERS, CsvError, csvRecords, parseCsv } from './csv';

type Fields = Record<string, unknown>;
type Fail = (why: string) => StatesError;

/** An S3 error as a cause: its code and message (`AccessDenied: …`). */
export function describeServiceError(err: unknown): string {
  if (err instanceof AwsError) return `${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

function jsonArray(text: string, fail: Fail): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw fail(`the object is not valid JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw fail(`InputType JSON needs a JSON array, the object holds ${parsed === null ? 'null' : typeof parsed}`);
  return parsed;
}

/** JSON Lines: one value a line; blank lines are skipped. */
function jsonLines(text: string, fail: Fail): unknown[] {
  const items: unknown[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      items.push(JSON.parse(line));
    } catch (err) {
      throw fail(`line ${i + 1} is not valid JSON (${(err as Error).message})`);
    }
  });
  return items;
}

/** CSV rows as objects of strings, keyed by the first row (FIRST_ROW) or CSVHeaders (GIVEN). */
function csvItems(text: string, config: Fields, fail: Fail): unknown[] {
  try {
    const rows = parseCsv(text, CSV_DELIMITERS[(config['CSVDelimiter'] as string | undefined) ?? 'COMMA'] as string);
    if (config['CSVHeaderLocation'] === 'GIVEN') return csvRecords(rows, config['CSVHeaders'] as string[], 1);
    const headers = rows[0];
    if (headers === undefined) return [];
    if (Buffer.byteLength(headers.join(','), 'utf8') > LOCAL_LIMITS.csvHeaderMaxBytes) throw fail(`the CSV header row is over ${LOCAL_LIMITS.csvHeaderMaxBytes} bytes`);
    return csvRecords(rows.slice(1), headers, 2);
  } catch (err) {
    if (err instanceof CsvError) throw fail(`the CSV object cannot be read: ${err.message}`);
    throw err;
  }
}

const PARSERS: Readonly<Record<string, (text: string, config: Fields, fail: Fail) => unknown[]>> = {
  JSON: (text, _config, fail) => jsonArray(text, fail),
  JSONL: (text, _config, fail) => jsonLines(text, fail),
  CSV: csvItems,
};

/**
 * ItemReader over `s3:getObject`: the object named by Parameters (paths read from the effective
 * input), fetched through the engine's S3 as the state machine's role, parsed as its InputType,
 * cut to MaxItems. Every failure is States.ItemReaderFailed naming the object and the reason.
 */
export async function readItems(step: StepContext, effective: unknown, caller: Caller): Promise<unknown[]> {
  const reader = step.state.ItemReader as unknown as Fields;
  const fail: Fail = (why) => new StatesError(STATES_ERRORS.itemReaderFailed, `State '${step.name}': ItemReader ${why}`);
  const action = optimisedAction(reader['Resource']);
  if (action !== READER_RESOURCES.getObject) throw fail(`over ${String(action)} is not read by this engine (only s3:getObject)`);
  const config = (reader['ReaderConfig'] ?? {}) as Fields;
  const inputType = String(config['InputType']);
  const parse = PARSERS[inputType];
  if (!parse) throw fail(`InputType ${inputType} is not read by this engine (JSON, JSONL and CSV are)`);
  const maxItems = numberField(config, 'MaxItems', effective, step.name, { min: 0, max: AWS_LIMITS.distributedMapMaxItems, integer: true });
  const params = applyPayloadTemplate(reader['Parameters'], effective, step.contextObject, step.name) as Fields;
  const { Bucket: bucket, Key: key } = params;
  if (typeof bucket !== 'string' || typeof key !== 'string') throw fail(`Parameters must resolve to a string Bucket and Key, got ${JSON.stringify(params)}`);
  const s3 = step.services.distributed.s3;
  if (!s3) throw fail('has no S3 to read from: the engine was created without StepFunctionsEngineProps.s3');
  let text: string;
  try {
    text = (await s3.getObject(bucket, key, caller)).body.toString('utf8');
  } catch (err) {
    throw fail(`could not get s3://${bucket}/${key}: ${describeServiceError(err)}`);
  }
  const items = parse(text, config, (why) => fail(`s3://${bucket}/${key}: ${why}`));
  return maxItems ? items.slice(0, maxItems) : items;
}
