import { readFileSync } from 'node:fs';
import {
  AWS_LIMITS,
  type Case,
  type FlatRequest,
  type SlottedRequest,
  ValidationError,
  parseFlatRequest,
  parseSlottedRequest,
  payloadBytes,
} from '@fanout/shared-types';
import { DatasetError } from '../errors';
import type { DatasetCases } from '../patterns/registry';

export interface LoadedDataset extends DatasetCases {
  file: string;
  requestId: string;
  /** The execution input, exactly as it will be sent. */
  request: FlatRequest | SlottedRequest;
}

const REGENERATE = 'regenerate it with npx nx run data-gen:generate';

function describeIssues(error: ValidationError): string {
  const shown = error.issues.slice(0, 5).map((i) => `  - ${i.path || '(root)'}: ${i.message}`);
  if (error.issues.length > shown.length) shown.push(`  … and ${error.issues.length - shown.length} more`);
  return shown.join('\n');
}

/** Reads and validates a dataset file (either shape); every case is checked before anything runs. */
export function readDataset(file: string): LoadedDataset {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new DatasetError(`${file}: ${why}; write the datasets with npx nx run data-gen:generate (or name existing files with --datasets)`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DatasetError(`${file}: not JSON (${(error as Error).message}); ${REGENERATE}`);
  }
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  const keys = isObject ? Object.keys(value as object) : [];
  try {
    if (keys.includes('requestSlots')) {
      const request = parseSlottedRequest(value, file);
      const slots = request.requestSlots.map((slot) => slot.requests);
      return { file, requestId: request.requestId, request, shape: 'slotted', slots, cases: slots.flat() };
    }
    if (keys.includes('requests')) {
      const request = parseFlatRequest(value, file);
      return { file, requestId: request.requestId, request, shape: 'flat', cases: request.requests };
    }
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const what = keys.includes('requestSlots') ? 'slotted' : 'flat';
    throw new DatasetError(`${file}: not a valid ${what} dataset:\n${describeIssues(error)}\nFix the cases named above, or ${REGENERATE}`);
  }
  throw new DatasetError(
    `${file}: neither a flat dataset ({"requestId", "requests": [...], "length"}) nor a slotted one ({"requestId", "requestSlots": [...]}); ${REGENERATE}`,
  );
}

/**
 * The same dataset with `durationMs` written into every case that has none, so each case
 * computes for that long whatever COMPUTE_MS the deployed Lambda has.
 */
export function withComputeMs(dataset: LoadedDataset, computeMs: number): LoadedDataset {
  const timed = (c: Case): Case => (c.durationMs === undefined ? { ...c, durationMs: computeMs } : c);
  if (dataset.shape === 'slotted') {
    const request = dataset.request as SlottedRequest;
    const slots = request.requestSlots.map((slot) => slot.requests.map(timed));
    return { ...dataset, request: { ...request, requestSlots: slots.map((requests) => ({ requests })) }, slots, cases: slots.flat() };
  }
  const request = dataset.request as FlatRequest;
  const requests = request.requests.map(timed);
  return { ...dataset, request: { ...request, requests }, cases: requests };
}

/** The execution input text; StartExecution refuses more than 256 KiB, so that is refused here first. */
export function executionInput(dataset: LoadedDataset): string {
  const bytes = payloadBytes(dataset.request);
  if (bytes > AWS_LIMITS.sfnPayloadBytes) {
    throw new DatasetError(
      `${dataset.file}: ${bytes} bytes is over the Step Functions input limit of ${AWS_LIMITS.sfnPayloadBytes} bytes (256 KiB); StartExecution would refuse it. Use fewer cases or fewer simulation fields`,
    );
  }
  return JSON.stringify(dataset.request);
}
