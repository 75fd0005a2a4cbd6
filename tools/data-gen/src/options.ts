import { parseDurationSpec, type DurationSpec } from './durations';
import { DataGenOptionError } from './errors';

export const SHAPES = ['flat', 'slotted'] as const;
export type Shape = (typeof SHAPES)[number];

/** The standard sizes of the 2022 measurements. */
export const DEFAULT_SIZES = [1, 5, 10, 20, 40, 100, 200, 500, 700, 1000] as const;

/** What the command line gives, as text (commander leaves values as strings). */
export interface RawOptions {
  sizes: string;
  slots: string;
  chunkSize?: string;
  requestId: string;
  out: string;
  shapes: string;
  duration?: string;
  failureRate?: string;
  seed?: string;
  allowOversize?: boolean;
}

export interface DataGenOptions {
  sizes: number[];
  slots: number;
  chunkSize: number;
  requestId: string;
  out: string;
  shapes: Shape[];
  duration?: DurationSpec;
  failureRate?: number;
  seed: number;
  allowOversize: boolean;
}

function wholeNumber(flag: string, text: string, min: number): number {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (!/^-?\d+$/.test(trimmed) || !Number.isSafeInteger(value) || value < min) {
    throw new DataGenOptionError(`${flag}: expected a whole number ≥ ${min}, got "${text}"`);
  }
  return value;
}

function list(text: string): string[] {
  return text.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

/** Turns the command line's strings into checked options; every error names its flag. */
export function resolveOptions(raw: RawOptions): DataGenOptions {
  const sizes = list(raw.sizes).map((size) => wholeNumber('--sizes', size, 0));
  if (sizes.length === 0) throw new DataGenOptionError('--sizes: expected a comma-separated list such as 1,10,100');

  const shapes = list(raw.shapes);
  for (const shape of shapes) {
    if (!(SHAPES as readonly string[]).includes(shape)) {
      throw new DataGenOptionError(`--shapes: unknown shape "${shape}" (expected ${SHAPES.join(', ')})`);
    }
  }
  if (shapes.length === 0) throw new DataGenOptionError(`--shapes: expected one or more of ${SHAPES.join(', ')}`);

  const slots = wholeNumber('--slots', raw.slots, 1);
  const requestId = raw.requestId.trim();
  if (requestId === '') throw new DataGenOptionError('--request-id: must not be empty');

  const options: DataGenOptions = {
    sizes: [...new Set(sizes)],
    slots,
    chunkSize: raw.chunkSize === undefined ? slots : wholeNumber('--chunk-size', raw.chunkSize, 1),
    requestId,
    out: raw.out,
    shapes: shapes as Shape[],
    seed: raw.seed === undefined ? 1 : wholeNumber('--seed', raw.seed, 0),
    allowOversize: raw.allowOversize ?? false,
  };
  if (raw.duration !== undefined) options.duration = parseDurationSpec(raw.duration);
  if (raw.failureRate !== undefined) {
    const rate = Number(raw.failureRate);
    if (raw.failureRate.trim() === '' || !(rate >= 0 && rate <= 1)) {
      throw new DataGenOptionError(`--failure-rate: expected a number from 0 to 1, got "${raw.failureRate}"`);
    }
    options.failureRate = rate;
  }
  return options;
}
