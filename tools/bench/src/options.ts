import { OptionError } from './errors';
import { DEFAULT_OUTPUTS_FILE, fromWorkspace } from './paths';
import { PATTERNS } from './patterns/registry';

export const TARGETS = ['local', 'aws'] as const;
export type TargetName = (typeof TARGETS)[number];

/** The seeds' sizes (a subset of data-gen's standard sizes, which are the 2022 measurements'). */
export const DEFAULT_SIZES = [1, 10, 100, 1000] as const;
export const DEFAULT_RUNS = 3;
/**
 * Simulated seconds per real second on the local cloud. The default run (both patterns, sizes
 * 1–1000, 3 runs of 5 s cases) spans about 630 simulated seconds: about a minute at 10×, plus
 * the machine's own work, which a larger scale would turn into simulated delay.
 */
export const DEFAULT_TIME_SCALE = 10;
/** A run still open after this long (simulated) is stopped and recorded as such. */
export const DEFAULT_RUN_TIMEOUT_SECONDS = 900;

/** What the command line gives, as text (commander leaves values as strings). */
export interface RawOptions {
  patterns?: string;
  sizes: string;
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
    sizes: [...new Set(list(raw.sizes).map((s) => wholeNumber('--sizes', s, 1)))],
    runs: wholeNumber('--runs', raw.runs, 1, 100),
    timeScale: 1,
    datasetDir: fromWorkspace(raw.datasetDir),
    out: fromWorkspace(raw.out),
    target,
    outputsFile: raw.outputs === undefined ? DEFAULT_OUTPUTS_FILE : fromWorkspace(raw.outputs),
    allowOverCeiling: raw.allowOverCeiling ?? false,
    runTimeoutSeconds: wholeNumber('--run-timeout', raw.runTimeout, 1),
    screenshot: raw.screenshot ?? false,
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
  return options;
}
