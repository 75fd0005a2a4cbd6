import { existsSync, readFileSync } from 'node:fs';
import * as v from 'valibot';
import { ITEMS_INPUT_TYPES, toIssues } from '@fanout/shared-types';
import { TargetError } from './errors';

const name = (what: string) => v.pipe(v.string(`${what} must be a string`), v.minLength(1, `${what} must not be empty`));
// Terraform writes numbers as numbers; a hand-written file may quote them.
const wholeNumber = v.pipe(
  v.union([v.number(), v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number))], 'must be a whole number'),
  v.integer('must be a whole number'),
  v.minValue(1, 'must be at least 1'),
);

/** One stack's outputs, as `infra:deploy` writes them (keys of PatternStack and its subclasses). */
export const StackOutputsSchema = v.looseObject({
  stateMachineArn: v.pipe(name('stateMachineArn'), v.regex(/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d*:stateMachine:.+$/, 'stateMachineArn must be a state machine ARN')),
  stateMachineName: name('stateMachineName'),
  computeFunctionName: name('computeFunctionName'),
  summaryFunctionName: name('summaryFunctionName'),
  slotCount: v.exactOptional(wholeNumber),
  eventBusName: v.exactOptional(name('eventBusName')),
  deadLetterQueueUrl: v.exactOptional(name('deadLetterQueueUrl')),
  computeFailureQueueUrl: v.exactOptional(name('computeFailureQueueUrl')),
  // distributed-map: its bucket, where items go and results come back, their format, its children at once.
  bucketName: v.exactOptional(name('bucketName')),
  itemsPrefix: v.exactOptional(name('itemsPrefix')),
  resultsPrefix: v.exactOptional(name('resultsPrefix')),
  itemsInputType: v.exactOptional(v.picklist(ITEMS_INPUT_TYPES, `itemsInputType must be one of ${ITEMS_INPUT_TYPES.join(', ')}`)),
  maxConcurrency: v.exactOptional(wholeNumber),
});
export type StackOutputs = v.InferOutput<typeof StackOutputsSchema>;
export type OutputKey = keyof StackOutputs;

/** Stack id → its raw outputs; other top-level values (the local cloud adds `endpoint`) are kept aside. */
export interface OutputsFile {
  source: string;
  stacks: Record<string, unknown>;
}

export function readOutputsFile(file: string): OutputsFile {
  if (!existsSync(file)) {
    throw new TargetError(
      `no outputs file at ${file}: deploy the stacks first (npx nx run infra:deploy writes it), or name another file with --outputs <file>`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TargetError(`${file}: not JSON (${(error as Error).message}); redeploy with npx nx run infra:deploy to rewrite it`);
  }
  return outputsFrom(raw, file);
}

/** The same check for outputs handed over in memory (the local cloud's). */
export function outputsFrom(raw: unknown, source: string): OutputsFile {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new TargetError(`${source}: expected an object keyed by stack id ({"map-in-parallel": {...}, ...})`);
  }
  const stacks: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (value !== null && typeof value === 'object' && !Array.isArray(value)) stacks[key] = value;
  return { source, stacks };
}

/** A stack's validated outputs, with every key the pattern needs; errors name the file, the stack and the key. */
export function stackOutputs(file: OutputsFile, stackId: string, required: readonly OutputKey[]): StackOutputs {
  const raw = file.stacks[stackId];
  if (raw === undefined) {
    const held = Object.keys(file.stacks);
    throw new TargetError(
      `${file.source}: stack '${stackId}' is missing (it holds ${held.length === 0 ? 'no stack' : held.map((s) => `'${s}'`).join(', ')}): ` +
        `deploy it with npx nx run infra:deploy -- ${stackId}, or leave the pattern out with --patterns`,
    );
  }
  const result = v.safeParse(StackOutputsSchema, raw);
  if (!result.success) {
    const issues = toIssues(result.issues).map((i) => `${i.path || '(root)'}: ${i.message}`);
    throw new TargetError(`${file.source}: stack '${stackId}' has unusable outputs (${issues.join('; ')}); redeploy it with npx nx run infra:deploy -- ${stackId}`);
  }
  const missing = required.filter((key) => result.output[key] === undefined);
  if (missing.length > 0) {
    throw new TargetError(`${file.source}: stack '${stackId}' has no ${missing.map((k) => `'${k}'`).join(', ')} output; redeploy it with this version of infra (npx nx run infra:deploy -- ${stackId})`);
  }
  return result.output;
}

/** The region a stack lives in, from its state machine ARN. */
export function regionOf(outputs: StackOutputs): string {
  return outputs.stateMachineArn.split(':')[3] ?? 'us-east-1';
}
