import { ITEMS_CHOICES, type ItemsChoice } from './datasets/items';
import { OptionError } from './errors';
import { DEFAULT_OUTPUTS_FILE, fromWorkspace } from './paths';
import { PATTERNS } from './patterns/registry';

export const TARGETS = ['local', 'aws'] as const;
export type TargetName = (typeof TARGETS)[number];

/** The seeds' sizes (a subset of data-gen's standard sizes, which are the 2022 measurements'). */
export const DEFAULT_SIZES = [1, 10, 100, 1000] as const;
export const DEFAULT_RUNS = 3;
/**
 * Simulated seconds per real second on the local cloud. The default run (every pattern, sizes
 * 1–1000, 3 runs of 5 s cases, distributed-map's 10,000 and its batch-10 series) spans about 820
 * simulated seconds: about 80 s of waiting at 10×, plus the machine's own work, which counts at
 * real speed (a larger scale would shorten the waits, not the work, and make the work a larger
 * share of what is measured).
 */
export const DEFAULT_TIME_SCALE = 10;
/** distributed-map: one run at this size beside the --sizes runs, by default (the customer's 10× headroom). */
export const DEFAULT_SCALE_RUN = 10_000;
/** distributed-map on the local target: the ItemBatcher series run beside the unbatched one, by default. */
export const DEFAULT_DISTRIBUTED_BATCH = 10;
/** A run still open after this long (simulated) is stopped and recorded as such. */
export const DEFAULT_RUN_TIMEOUT_SECONDS = 900;

/** What the command line gives, as text (commander leaves values as strings). */
export interface RawOptions {
  patterns?: string;
  sizes?: string;
  runs: string;
  computeMs?: string;
  timeScale?: string;
  datasets?: string;
  datasetDir: string;
  out: string;
  target: string;
  outputs?: string;
  allowOverCeiling?: boolean;
  runTimeout: string;
  screenshot?: boolean;
  items?: string;
  scaleRun?: string;
  distributedBatch?: string;
}

export interface BenchOptions {
  /** Absent: every pattern the target has deployed. */
  patterns?: string[];
  sizes: number[];
  runs: number;
  computeMs?: number;
  timeScale: number;
  /** Explicit dataset files (each paired with the selected patterns of its shape); else datasetDir/<shape>/dataset_<size>.json. */
  datasets?: string[];
  datasetDir: string;
  out: string;
  target: TargetName;
  outputsFile: string;
  allowOverCeiling: boolean;
  runTimeoutSeconds: number;
  screenshot: boolean;
  /** distributed-map: cases in the request, in an items object in S3, or whichever fits (auto). */
  items: ItemsChoice;
  /** distributed-map: one more run at this many cases (absent: none). */
  scaleRun?: number;
  /** distributed-map, local target: also run a variant of its stack with this MaxItemsPerBatch (absent: none). */
  distributedBatch?: number;
}

function list(text: string): string[] {
  return text.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

function wholeNumber(flag: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || value < min || value > max) {
    throw new OptionError(`${flag}: expected a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

function positiveNumber(flag: string, text: string): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) throw new OptionError(`${flag}: expected a number above 0, got "${text}"`);
  return value;
}

/** Turns the command line's strings into checked options; every error names its flag. */
export function resolveOptions(raw: RawOptions): BenchOptions {
  if (!(TARGETS as readonly string[]).includes(raw.target)) {
    throw new OptionError(`--target: expected ${TARGETS.join(' or ')}, got "${raw.target}"`);
  }
  const target = raw.target as TargetName;
  const options: BenchOptions = {
    sizes: raw.sizes === undefined ? [...DEFAULT_SIZES] : [...new Set(list(raw.sizes).map((s) => wholeNumber('--sizes', s, 1)))],
    runs: wholeNumber('--runs', raw.runs, 1, 100),
    timeScale: 1,
    datasetDir: fromWorkspace(raw.datasetDir),
    out: fromWorkspace(raw.out),
    target,
    outputsFile: raw.outputs === undefined ? DEFAULT_OUTPUTS_FILE : fromWorkspace(raw.outputs),
    allowOverCeiling: raw.allowOverCeiling ?? false,
    runTimeoutSeconds: wholeNumber('--run-timeout', raw.runTimeout, 1),
    screenshot: raw.screenshot ?? false,
    items: itemsChoice(raw.items),
  };
  if (options.sizes.length === 0) throw new OptionError('--sizes: expected a comma-separated list such as 1,10,100,1000');
  if (raw.patterns !== undefined) {
    const known = PATTERNS.map((p) => p.id);
    const patterns = [...new Set(list(raw.patterns))];
    for (const id of patterns) if (!known.includes(id)) throw new OptionError(`--patterns: unknown pattern "${id}" (known: ${known.join(', ')})`);
    if (patterns.length === 0) throw new OptionError(`--patterns: expected one or more of ${known.join(', ')}`);
    options.patterns = patterns;
  }
  if (raw.computeMs !== undefined) options.computeMs = wholeNumber('--compute-ms', raw.computeMs, 0, 900_000);
  if (raw.timeScale !== undefined) {
    if (target === 'aws') throw new OptionError('--time-scale: applies to the local target only (AWS runs in real time)');
    options.timeScale = positiveNumber('--time-scale', raw.timeScale);
  } else if (target === 'local') options.timeScale = DEFAULT_TIME_SCALE;
  if (raw.outputs !== undefined && target === 'local') {
    throw new OptionError('--outputs: applies to --target aws only (the local cloud hands over its own outputs)');
  }
  if (raw.datasets !== undefined) {
    const files = list(raw.datasets).map(fromWorkspace);
    if (files.length === 0) throw new OptionError('--datasets: expected one or more comma-separated files');
    options.datasets = files;
  }
  // The scale run belongs to the default run; with --sizes or --datasets it is asked for by name.
  const scaleRun = raw.scaleRun === undefined ? (raw.sizes === undefined && raw.datasets === undefined ? DEFAULT_SCALE_RUN : 0) : wholeNumber('--scale-run', raw.scaleRun, 0);
  if (scaleRun > 0) {
    if (options.datasets) throw new OptionError('--scale-run: reads <dataset-dir>/flat/dataset_<n>.json, so it does not go with --datasets (name the file there instead)');
    options.scaleRun = scaleRun;
  }
  const batch = raw.distributedBatch === undefined ? (target === 'local' ? DEFAULT_DISTRIBUTED_BATCH : 0) : wholeNumber('--distributed-batch', raw.distributedBatch, 0, 100_000);
  if (batch > 0) {
    if (target === 'aws') {
      throw new OptionError(
        '--distributed-batch: applies to the local target only; on AWS the bench runs the deployed distributed-map stack as it is ' +
          '(deploy it with FANOUT_DISTRIBUTED_MAX_ITEMS_PER_BATCH=<n> and its runs are named "distributed-map (batch <n>)")',
      );
    }
    options.distributedBatch = batch;
  }
  return options;
}

function itemsChoice(text: string | undefined): ItemsChoice {
  if (text === undefined) return 'auto';
  const value = text.trim();
  if (!(ITEMS_CHOICES as readonly string[]).includes(value)) throw new OptionError(`--items: expected ${ITEMS_CHOICES.join(', ')}, got "${text}"`);
  return value as ItemsChoice;
}
