import { DEFAULT_SLOT_COUNT, ITEMS_INPUT_TYPES, type ItemsInputType, ItemsRequestSchema } from '@fanout/shared-types';
import * as v from 'valibot';
import { parseDurationSpec, type DurationSpec } from './durations';
import { DataGenOptionError } from './errors';

export const SHAPES = ['flat', 'slotted'] as const;
export type Shape = (typeof SHAPES)[number];

/** The standard sizes of the 2022 measurements. */
export const DEFAULT_SIZES = [1, 5, 10, 20, 40, 100, 200, 500, 700, 1000] as const;

/**
 * The command line's defaults, as text. Other tools that write "the standard datasets" (the
 * bench, for a fresh clone) pass these too, so their bytes equal `data-gen:generate`'s.
 */
export const CLI_DEFAULTS = {
  sizes: DEFAULT_SIZES.join(','),
  slots: String(DEFAULT_SLOT_COUNT),
  requestId: '123456',
  out: 'datasets',
  shapes: SHAPES.join(','),
} as const satisfies Partial<RawOptions>;

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
  items?: string;
  itemsBucket?: string;
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
  /** Items objects to write for the distributed-map pattern (none when absent or empty). */
  items?: ItemsInputType[];
  /** The bucket the items requests name (they are written only when it is given). */
  itemsBucket?: string;
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

  const items = parseItems(raw.items);
  // `none` writes no request file at all: only the items objects of --items.
  const shapes = raw.shapes.trim() === 'none' && items.length > 0 ? [] : list(raw.shapes);
  for (const shape of shapes) {
    if (!(SHAPES as readonly string[]).includes(shape)) {
      throw new DataGenOptionError(`--shapes: unknown shape "${shape}" (expected ${SHAPES.join(', ')}, or none with --items)`);
    }
  }
  if (shapes.length === 0 && items.length === 0) throw new DataGenOptionError(`--shapes: expected one or more of ${SHAPES.join(', ')}`);

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
    items,
  };
  if (raw.itemsBucket !== undefined) {
    if (items.length === 0) throw new DataGenOptionError('--items-bucket: only used with --items (it is the bucket the items requests name)');
    const bucket = v.safeParse(ItemsRequestSchema.entries.itemsBucket, raw.itemsBucket);
    if (!bucket.success) throw new DataGenOptionError(`--items-bucket: "${raw.itemsBucket}" is not an S3 bucket name`);
    options.itemsBucket = bucket.output;
  }
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

/** `--items jsonl,json` → the ItemReader input types to write. */
function parseItems(text: string | undefined): ItemsInputType[] {
  if (text === undefined) return [];
  const formats = list(text).map((format) => format.toUpperCase());
  for (const format of formats) {
    if (!(ITEMS_INPUT_TYPES as readonly string[]).includes(format)) {
      throw new DataGenOptionError(`--items: unknown format "${format.toLowerCase()}" (expected ${ITEMS_INPUT_TYPES.map((t) => t.toLowerCase()).join(', ')})`);
    }
  }
  if (formats.length === 0) throw new DataGenOptionError(`--items: expected one or more of ${ITEMS_INPUT_TYPES.map((t) => t.toLowerCase()).join(', ')}`);
  return [...new Set(formats)] as ItemsInputType[];
}
