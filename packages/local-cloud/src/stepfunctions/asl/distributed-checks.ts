import { AWS_LIMITS } from '@fanout/shared-types';
import { DEFAULT_LIMITS, LOCAL_LIMITS } from '../limits';
import type { DefinitionProblem } from './validate';

/**
 * The checks Step Functions makes on create for a Map in Distributed mode (developer guide:
 * "Using Map state in Distributed mode", ItemReader, ItemBatcher, ResultWriter, "Tolerated failure
 * threshold"), and that an inline Map takes none of its fields. asl-validator knows only part of them.
 */

type Fields = Record<string, unknown>;

const isObject = (v: unknown): v is Fields => v !== null && typeof v === 'object' && !Array.isArray(v);
const isInt = (v: unknown, min: number, max: number): boolean => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

/** Fields only a Distributed Map takes. */
const DISTRIBUTED_FIELDS = [
  'ItemReader',
  'ItemBatcher',
  'ResultWriter',
  'Label',
  'ToleratedFailurePercentage',
  'ToleratedFailurePercentagePath',
  'ToleratedFailureCount',
  'ToleratedFailureCountPath',
] as const;

export const READER_RESOURCES = { getObject: 's3:getObject', listObjectsV2: 's3:listObjectsV2' } as const;
export const WRITER_RESOURCE = 's3:putObject';
/** `arn:aws:states:::s3:getObject` (any partition) → `s3:getObject`. */
export function optimisedAction(resource: unknown): string | undefined {
  const m = typeof resource === 'string' ? /^arn:aws[a-z-]*:states:::(s3:[A-Za-z0-9]+)$/.exec(resource) : null;
  return m ? (m[1] as string) : undefined;
}

const INPUT_TYPES = ['CSV', 'JSON', 'JSONL', 'MANIFEST', 'PARQUET'];
const CSV_DELIMITERS = ['COMMA', 'PIPE', 'SEMICOLON', 'SPACE', 'TAB'];
const TRANSFORMATIONS = ['NONE', 'COMPACT', 'FLATTEN'];
const OUTPUT_TYPES = ['JSON', 'JSONL'];
/** Labels exclude what execution names exclude. */
const LABEL_FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;

/** The Map's processing mode as written (INLINE when absent, and for the older Iterator). */
export function processorMode(state: Fields): unknown {
  const processor = state['ItemProcessor'];
  if (!isObject(processor) || !isObject(processor['ProcessorConfig'])) return 'INLINE';
  return processor['ProcessorConfig']['Mode'] ?? 'INLINE';
}

/** The EXPRESS or STANDARD of a Distributed Map's children, as written. */
export function childExecutionType(state: Fields): unknown {
  const processor = state['ItemProcessor'] as Fields;
  return (processor['ProcessorConfig'] as Fields)['ExecutionType'];
}

class Collector {
  readonly problems: DefinitionProblem[] = [];
  constructor(private readonly at: string, private readonly name: string) {}

  add(field: string, message: string): void {
    this.problems.push({ path: `${this.at}/${field}`, message: `SCHEMA_VALIDATION_FAILED: ${message} (state '${this.name}')` });
  }

  /** A field and its `…Path` twin exclude each other. */
  exclusive(obj: Fields, field: string, where: string): void {
    if (obj[field] !== undefined && obj[`${field}Path`] !== undefined) this.add(`${where}${field}`, `${field} and ${field}Path exclude each other`);
  }

  oneOf(obj: Fields, field: string, allowed: readonly string[], where: string, required = false): void {
    const v = obj[field];
    if (v === undefined ? required : !allowed.includes(v as string)) this.add(`${where}${field}`, `${field} must be one of ${allowed.join(', ')}, got ${show(v)}`);
  }

  /** `Bucket` / `Bucket.$` and the like: one of the two, a string. */
  member(params: Fields, member: string, where: string, required: boolean): void {
    const literal = params[member];
    const path = params[`${member}.$`];
    if (literal !== undefined && path !== undefined) this.add(`${where}${member}`, `${member} and ${member}.$ exclude each other`);
    else if (literal === undefined && path === undefined) {
      if (required) this.add(`${where}${member}`, `Parameters must name the ${member}`);
    } else if (typeof (literal ?? path) !== 'string') this.add(`${where}${member}`, `${member} must be a string, got ${show(literal ?? path)}`);
  }
}

function readerProblems(c: Collector, reader: unknown): void {
  if (!isObject(reader)) return c.add('ItemReader', `ItemReader must be an object, got ${show(reader)}`);
  const action = optimisedAction(reader['Resource']);
  if (action !== READER_RESOURCES.getObject && action !== READER_RESOURCES.listObjectsV2) {
    return c.add('ItemReader/Resource', `ItemReader Resource must be arn:aws:states:::s3:getObject or arn:aws:states:::s3:listObjectsV2, got ${show(reader['Resource'])}`);
  }
  const params = reader['Parameters'];
  if (!isObject(params)) return c.add('ItemReader/Parameters', `ItemReader Parameters must be an object naming the Bucket${action === READER_RESOURCES.getObject ? ' and Key' : ''}`);
  c.member(params, 'Bucket', 'ItemReader/Parameters/', true);
  if (action === READER_RESOURCES.getObject) c.member(params, 'Key', 'ItemReader/Parameters/', true);
  const config = reader['ReaderConfig'];
  if (config === undefined) {
    if (action === READER_RESOURCES.getObject) c.add('ItemReader/ReaderConfig', 'ItemReader over s3:getObject needs ReaderConfig.InputType');
    return;
  }
  if (!isObject(config)) return c.add('ItemReader/ReaderConfig', `ReaderConfig must be an object, got ${show(config)}`);
  const where = 'ItemReader/ReaderConfig/';
  c.oneOf(config, 'InputType', INPUT_TYPES, where, action === READER_RESOURCES.getObject);
  c.exclusive(config, 'MaxItems', where);
  if (config['MaxItems'] !== undefined && !isInt(config['MaxItems'], 0, AWS_LIMITS.distributedMapMaxItems)) {
    c.add(`${where}MaxItems`, `MaxItems must be an integer from 0 to ${AWS_LIMITS.distributedMapMaxItems}, got ${show(config['MaxItems'])}`);
  }
  const csv = config['InputType'] === 'CSV';
  for (const f of ['CSVHeaderLocation', 'CSVHeaders', 'CSVDelimiter']) {
    if (!csv && config[f] !== undefined) c.add(`${where}${f}`, `${f} is only valid with InputType CSV`);
  }
  if (!csv) return;
  c.oneOf(config, 'CSVHeaderLocation', ['FIRST_ROW', 'GIVEN'], where, true);
  c.oneOf(config, 'CSVDelimiter', CSV_DELIMITERS, where);
  const headers = config['CSVHeaders'];
  const given = config['CSVHeaderLocation'] === 'GIVEN';
  if (given && !(Array.isArray(headers) && headers.length > 0 && headers.every((h) => typeof h === 'string'))) {
    c.add(`${where}CSVHeaders`, 'CSVHeaderLocation GIVEN needs CSVHeaders, a non-empty list of strings');
  }
  if (!given && headers !== undefined) c.add(`${where}CSVHeaders`, 'CSVHeaders is only valid with CSVHeaderLocation GIVEN');
}

function batcherProblems(c: Collector, batcher: unknown): void {
  if (!isObject(batcher)) return c.add('ItemBatcher', `ItemBatcher must be an object, got ${show(batcher)}`);
  const bounds = ['MaxItemsPerBatch', 'MaxItemsPerBatchPath', 'MaxInputBytesPerBatch', 'MaxInputBytesPerBatchPath'];
  if (!bounds.some((f) => batcher[f] !== undefined)) c.add('ItemBatcher', `ItemBatcher needs at least one of ${bounds.join(', ')}`);
  c.exclusive(batcher, 'MaxItemsPerBatch', 'ItemBatcher/');
  c.exclusive(batcher, 'MaxInputBytesPerBatch', 'ItemBatcher/');
  if (batcher['MaxItemsPerBatch'] !== undefined && !isInt(batcher['MaxItemsPerBatch'], 1, Number.MAX_SAFE_INTEGER)) {
    c.add('ItemBatcher/MaxItemsPerBatch', `MaxItemsPerBatch must be a positive integer, got ${show(batcher['MaxItemsPerBatch'])}`);
  }
  const bytes = batcher['MaxInputBytesPerBatch'];
  if (bytes !== undefined && !isInt(bytes, 1, LOCAL_LIMITS.batchMaxInputBytes)) {
    c.add('ItemBatcher/MaxInputBytesPerBatch', `MaxInputBytesPerBatch must be an integer from 1 to ${LOCAL_LIMITS.batchMaxInputBytes}, got ${show(bytes)}`);
  }
  if (batcher['BatchInput'] !== undefined && !isObject(batcher['BatchInput'])) c.add('ItemBatcher/BatchInput', 'BatchInput must be a JSON object');
}

function writerProblems(c: Collector, writer: unknown): void {
  if (!isObject(writer)) return c.add('ResultWriter', `ResultWriter must be an object, got ${show(writer)}`);
  const { Resource: resource, Parameters: params, WriterConfig: config } = writer;
  if (resource === undefined && params === undefined && config === undefined) {
    return c.add('ResultWriter', 'ResultWriter cannot be empty: give Resource and Parameters, WriterConfig, or all three');
  }
  if ((resource === undefined) !== (params === undefined)) c.add('ResultWriter', 'ResultWriter Resource and Parameters go together');
  if (resource !== undefined && optimisedAction(resource) !== WRITER_RESOURCE) {
    c.add('ResultWriter/Resource', `ResultWriter Resource must be arn:aws:states:::s3:putObject, got ${show(resource)}`);
  }
  if (params !== undefined) {
    if (!isObject(params)) c.add('ResultWriter/Parameters', 'ResultWriter Parameters must be an object naming the Bucket (and a Prefix)');
    else {
      c.member(params, 'Bucket', 'ResultWriter/Parameters/', true);
      c.member(params, 'Prefix', 'ResultWriter/Parameters/', false);
    }
  }
  if (config === undefined) return;
  if (!isObject(config)) return c.add('ResultWriter/WriterConfig', 'WriterConfig must be an object');
  c.oneOf(config, 'Transformation', TRANSFORMATIONS, 'ResultWriter/WriterConfig/', true);
  c.oneOf(config, 'OutputType', OUTPUT_TYPES, 'ResultWriter/WriterConfig/', true);
}

function labelProblems(c: Collector, label: unknown, labels: Map<string, string>, where: string): void {
  if (label === undefined) return;
  const max = LOCAL_LIMITS.mapLabelMaxLength;
  if (typeof label !== 'string' || label.length < 1 || label.length > max || LABEL_FORBIDDEN.test(label)) {
    return c.add('Label', `Label must be 1-${max} characters without whitespace, brackets, wildcards or special characters, got ${show(label)}`);
  }
  const other = labels.get(label);
  if (other !== undefined) c.add('Label', `Label '${label}' is already used by ${other}: labels are unique in a state machine`);
  else labels.set(label, where);
}

/**
 * Problems of one Map state: a Distributed Map's fields checked as AWS checks them, an inline
 * Map's use of fields only a Distributed Map takes. `labels` gathers Labels across the definition.
 */
export function mapStateProblems(at: string, name: string, state: Fields, labels: Map<string, string>): DefinitionProblem[] {
  const here = `${at}/${name}`;
  const c = new Collector(here, name);
  const mode = processorMode(state);
  if (mode !== 'DISTRIBUTED') {
    if (mode === 'INLINE') for (const f of DISTRIBUTED_FIELDS) if (state[f] !== undefined) c.add(f, `Field '${f}' is only valid in a Map whose ProcessorConfig.Mode is DISTRIBUTED`);
    return c.problems;
  }
  const config = (state['ItemProcessor'] as Fields)['ProcessorConfig'] as Fields;
  if (config['ExecutionType'] !== 'STANDARD' && config['ExecutionType'] !== 'EXPRESS') {
    c.add('ItemProcessor/ProcessorConfig/ExecutionType', `A Distributed Map needs ProcessorConfig.ExecutionType STANDARD or EXPRESS, got ${show(config['ExecutionType'])}`);
  }
  const max = DEFAULT_LIMITS.distributedMapMaxConcurrency;
  if (state['MaxConcurrency'] !== undefined && !isInt(state['MaxConcurrency'], 0, max)) {
    c.add('MaxConcurrency', `MaxConcurrency of a Distributed Map must be an integer from 0 to ${max}, got ${show(state['MaxConcurrency'])}`);
  }
  const pct = state['ToleratedFailurePercentage'];
  if (pct !== undefined && !(typeof pct === 'number' && pct >= 0 && pct <= 100)) c.add('ToleratedFailurePercentage', `ToleratedFailurePercentage must be a number from 0 to 100, got ${show(pct)}`);
  const count = state['ToleratedFailureCount'];
  if (count !== undefined && !isInt(count, 0, Number.MAX_SAFE_INTEGER)) c.add('ToleratedFailureCount', `ToleratedFailureCount must be a non-negative integer, got ${show(count)}`);
  if (state['ItemReader'] !== undefined) readerProblems(c, state['ItemReader']);
  if (state['ItemBatcher'] !== undefined) batcherProblems(c, state['ItemBatcher']);
  if (state['ResultWriter'] !== undefined) writerProblems(c, state['ResultWriter']);
  labelProblems(c, state['Label'], labels, `state '${name}'`);
  return c.problems;
}
