/**
 * The `distributedMap` block of the configuration (distributed-map's stack only): its schema,
 * defaults and FANOUT_DISTRIBUTED_* variables. config.ts merges it like the backend block.
 */
import * as v from 'valibot';
import { AWS_LIMITS, ITEMS_INPUT_TYPES, type ItemsInputType } from '@fanout/shared-types';
import { DISTRIBUTED_MAP_DEFAULTS } from './constants';

const int = (min: number, max: number, what: string) =>
  v.pipe(v.number(`${what} must be a number`), v.integer(`${what} must be a whole number`), v.minValue(min, `${what} must be at least ${min}`), v.maxValue(max, `${what} must be at most ${max}`));

export const CHILD_EXECUTION_TYPES = ['EXPRESS', 'STANDARD'] as const;
export type ChildExecutionType = (typeof CHILD_EXECUTION_TYPES)[number];

/** Days S3 lifecycle keeps an object: a whole number of days (S3 allows any positive number; ten years is plenty). */
const MAX_EXPIRATION_DAYS = 3_650;

export const DistributedMapInputSchema = v.strictObject({
  childExecutionType: v.exactOptional(v.picklist(CHILD_EXECUTION_TYPES, `childExecutionType must be one of ${CHILD_EXECUTION_TYPES.join(', ')}`)),
  maxConcurrency: v.exactOptional(int(1, AWS_LIMITS.distributedMapMaxConcurrency, 'maxConcurrency')),
  maxItemsPerBatch: v.exactOptional(int(1, 100_000, 'maxItemsPerBatch')),
  // Whole percentages: the ASL schema (asl-validator) accepts integers only.
  toleratedFailurePercentage: v.exactOptional(int(0, 100, 'toleratedFailurePercentage')),
  toleratedFailureCount: v.exactOptional(int(0, AWS_LIMITS.distributedMapMaxItems, 'toleratedFailureCount')),
  itemsInputType: v.exactOptional(v.picklist(ITEMS_INPUT_TYPES, `itemsInputType must be one of ${ITEMS_INPUT_TYPES.join(', ')}`)),
  resultsExpirationDays: v.exactOptional(int(1, MAX_EXPIRATION_DAYS, 'resultsExpirationDays')),
  inputsExpirationDays: v.exactOptional(int(1, MAX_EXPIRATION_DAYS, 'inputsExpirationDays')),
});
export type DistributedMapInput = v.InferOutput<typeof DistributedMapInputSchema>;

export interface DistributedMapConfig {
  /** EXPRESS (default: started at up to 1,000/s, billed per request and GB-s, 5 minutes at most) or STANDARD (up to 100/s, billed per state transition, own history). */
  childExecutionType: ChildExecutionType;
  /** Child executions running at once (the Map's MaxConcurrency). */
  maxConcurrency: number;
  /** Cases per child execution (an ItemBatcher, with an inline Map in each child); absent: one case per child. */
  maxItemsPerBatch?: number;
  /** The Map Run fails (States.ExceedToleratedFailureThreshold) when more child executions than this fail outright. */
  toleratedFailurePercentage: number;
  toleratedFailureCount?: number;
  /** The ItemReader's format for an items request's object. */
  itemsInputType: ItemsInputType;
  resultsExpirationDays: number;
  inputsExpirationDays: number;
}

export function resolveDistributedMap(input: DistributedMapInput | undefined): DistributedMapConfig {
  return { ...DISTRIBUTED_MAP_DEFAULTS, ...input };
}

/** FANOUT_DISTRIBUTED_* → distributedMap.<field>. */
export const DISTRIBUTED_ENV_VARS = {
  FANOUT_DISTRIBUTED_CHILD_EXECUTION_TYPE: 'childExecutionType',
  FANOUT_DISTRIBUTED_MAX_CONCURRENCY: 'maxConcurrency',
  FANOUT_DISTRIBUTED_MAX_ITEMS_PER_BATCH: 'maxItemsPerBatch',
  FANOUT_DISTRIBUTED_TOLERATED_FAILURE_PERCENTAGE: 'toleratedFailurePercentage',
  FANOUT_DISTRIBUTED_TOLERATED_FAILURE_COUNT: 'toleratedFailureCount',
  FANOUT_DISTRIBUTED_ITEMS_INPUT_TYPE: 'itemsInputType',
  FANOUT_DISTRIBUTED_RESULTS_EXPIRATION_DAYS: 'resultsExpirationDays',
  FANOUT_DISTRIBUTED_INPUTS_EXPIRATION_DAYS: 'inputsExpirationDays',
} as const satisfies Record<string, keyof DistributedMapInput>;

const TEXT_FIELDS = new Set<string>(['childExecutionType', 'itemsInputType']);

/** The variables that are set, as a raw block (numbers parsed) and the variable of each field, for messages. */
export function distributedMapFromEnv(env: NodeJS.ProcessEnv): { raw?: Record<string, unknown>; varOf: Map<string, string> } {
  const raw: Record<string, unknown> = {};
  const varOf = new Map<string, string>();
  for (const [name, field] of Object.entries(DISTRIBUTED_ENV_VARS)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    raw[field] = TEXT_FIELDS.has(field) || !/^\d+$/.test(value.trim()) ? value : Number(value);
    varOf.set(`distributedMap.${field}`, name);
  }
  return Object.keys(raw).length > 0 ? { raw, varOf } : { varOf };
}
