/**
 * Everything is checked before anything runs: which patterns, which dataset files, that each
 * file suits its pattern and its deployed stack, and that one execution can carry it.
 */
import type { ItemSource } from '@fanout/shared-types';
import { checkAgainstStack, checkCeiling, checkShape } from './datasets/compatibility';
import { defaultDatasetFile, writeMissingDatasets } from './datasets/defaults';
import { type ItemsUpload, itemSourceFor, itemsUpload } from './datasets/items';
import { type LoadedDataset, executionInput, readDataset, withComputeMs } from './datasets/load';
import { DatasetError, TargetError } from './errors';
import type { BenchOptions } from './options';
import type { StackOutputs } from './outputs';
import { PATTERNS, type PatternSpec, patternById } from './patterns/registry';

/** One dataset of a pattern, how many times it runs, and where its cases travel (distributed-map). */
export interface PlannedDataset {
  dataset: LoadedDataset;
  runs: number;
  itemSource?: ItemSource;
  /** distributed-map's one run at --scale-run. */
  scale?: boolean;
}

/** The datasets each pattern will run, checked without the target. */
export interface DatasetPlan {
  entries: { pattern: PatternSpec; datasets: PlannedDataset[] }[];
  warnings: string[];
  /** Default dataset files that were missing and have been written. */
  written: string[];
}

export interface RunSpec {
  pattern: PatternSpec;
  /** What the records and the report call its runs: the pattern, or its variant ("distributed-map (batch 10)"). */
  series: string;
  outputs: StackOutputs;
  dataset: LoadedDataset;
  size: number;
  /** 1-based. */
  run: number;
  /** The execution input text. */
  input: string;
  itemSource?: ItemSource;
  /** An items object to put before the execution starts. */
  items?: ItemsUpload;
}

export interface BenchPlan {
  specs: RunSpec[];
  warnings: string[];
}

/** The patterns asked for, else every known pattern the target has a stack for. */
export function selectPatterns(options: BenchOptions, deployed: readonly string[] | 'all'): PatternSpec[] {
  if (options.patterns !== undefined) return options.patterns.map((id) => patternById(id) as PatternSpec);
  const selected = PATTERNS.filter((p) => deployed === 'all' || deployed.includes(p.id));
  if (selected.length === 0) {
    throw new TargetError(`no pattern is deployed (the outputs hold ${deployed === 'all' ? 'none' : deployed.join(', ') || 'no stack'}): deploy one with npx nx run infra:deploy`);
  }
  return selected;
}

type Loaded = Omit<PlannedDataset, 'itemSource'>;

/** The --sizes datasets of a pattern (each --runs times), and its one scale run when it has one. */
function defaultDatasets(options: BenchOptions, pattern: PatternSpec): Loaded[] {
  const sizes: { size: number; runs: number; scale?: boolean }[] = options.sizes.map((size) => ({ size, runs: options.runs }));
  if (pattern.timeline === 'map-run' && options.scaleRun !== undefined && !options.sizes.includes(options.scaleRun)) sizes.push({ size: options.scaleRun, runs: 1, scale: true });
  return sizes.map(({ size, runs, scale }) => {
    const dataset = readDataset(defaultDatasetFile(options.datasetDir, pattern.shape, size));
    if (dataset.cases.length !== size) {
      throw new DatasetError(`${dataset.file}: holds ${dataset.cases.length} cases where its name says ${size}; regenerate it with npx nx run data-gen:generate --sizes=${size}`);
    }
    checkShape(dataset, pattern);
    return { dataset, runs, ...(scale ? { scale } : {}) };
  });
}

/** Explicit files go to every selected pattern of their shape; a file no selected pattern can read is refused. */
function explicitDatasets(files: readonly string[], patterns: readonly PatternSpec[], runs: number): Map<PatternSpec, Loaded[]> {
  const byPattern = new Map<PatternSpec, Loaded[]>(patterns.map((p) => [p, []]));
  for (const file of files) {
    const dataset = readDataset(file);
    const readers = patterns.filter((p) => p.shape === dataset.shape);
    if (readers.length === 0) checkShape(dataset, patterns[0] as PatternSpec);
    for (const pattern of readers) byPattern.get(pattern)?.push({ dataset, runs });
  }
  for (const [pattern, datasets] of byPattern) {
    if (datasets.length === 0) {
      throw new DatasetError(`--datasets: no ${pattern.shape} dataset for ${pattern.id} among ${files.join(', ')}; add one, or leave the pattern out with --patterns`);
    }
  }
  return byPattern;
}

/** The default dataset files the run reads: missing ones are written first (with data-gen's defaults). */
function ensureDefaults(options: BenchOptions, patterns: readonly PatternSpec[]): string[] {
  const wanted = patterns.flatMap((p) => [...options.sizes, ...(p.timeline === 'map-run' && options.scaleRun !== undefined ? [options.scaleRun] : [])].map((size) => ({ shape: p.shape, size })));
  return writeMissingDatasets(options.datasetDir, wanted);
}

/** Reads and checks every dataset file of the run, before any target is touched. */
export function planDatasets(options: BenchOptions, patterns: readonly PatternSpec[]): DatasetPlan {
  const written = options.datasets ? [] : ensureDefaults(options, patterns);
  const chosen = options.datasets ? explicitDatasets(options.datasets, patterns, options.runs) : new Map(patterns.map((p) => [p, defaultDatasets(options, p)]));
  const warnings: string[] = [];
  const entries = [...chosen].map(([pattern, loaded]) => {
    const datasets = loaded.map(({ dataset: d, ...rest }): PlannedDataset => {
      const dataset = options.computeMs === undefined ? d : withComputeMs(d, options.computeMs);
      if (pattern.timeline !== 'map-run') {
        warnings.push(...checkCeiling(dataset, pattern, options.allowOverCeiling));
        executionInput(dataset);
        return { dataset, ...rest };
      }
      const itemSource = itemSourceFor(dataset, options.items);
      warnings.push(...checkCeiling(dataset, pattern, options.allowOverCeiling, itemSource));
      if (itemSource === 'request') executionInput(dataset);
      return { dataset, ...rest, itemSource };
    });
    return { pattern, datasets };
  });
  return { entries, warnings, written };
}

/** The runs of a DatasetPlan left for `patternId`'s variant: its own datasets, without its scale run. */
export function variantDatasets(plan: DatasetPlan, patternId: string): DatasetPlan | undefined {
  const entry = plan.entries.find((e) => e.pattern.id === patternId);
  if (!entry) return undefined;
  return { entries: [{ pattern: entry.pattern, datasets: entry.datasets.filter((d) => !d.scale) }], warnings: [], written: [] };
}

/** How many executions a DatasetPlan starts. */
export function runCount(plan: DatasetPlan): number {
  return plan.entries.reduce((total, e) => total + e.datasets.reduce((n, d) => n + d.runs, 0), 0);
}

export interface RunLayout {
  outputsOf: (pattern: PatternSpec) => StackOutputs;
  seriesOf: (pattern: PatternSpec) => string;
  /** Names the items objects the run uploads. */
  runId: string;
}

function inputOf(planned: PlannedDataset, outputs: StackOutputs, runId: string): Pick<RunSpec, 'input' | 'items' | 'itemSource'> {
  if (planned.itemSource === undefined) return { input: executionInput(planned.dataset) };
  if (planned.itemSource === 'request') return { input: executionInput(planned.dataset), itemSource: 'request' };
  const { upload, request } = itemsUpload(planned.dataset, outputs, runId);
  return { input: JSON.stringify(request), items: upload, itemSource: 's3' };
}

/** Pairs the datasets with the deployed stacks and lays out the runs: pattern by pattern, size by size, run by run. */
export function planRuns(datasets: DatasetPlan, layout: RunLayout): BenchPlan {
  const specs: RunSpec[] = [];
  for (const { pattern, datasets: files } of datasets.entries) {
    const outputs = layout.outputsOf(pattern);
    for (const { dataset } of files) checkAgainstStack(dataset, pattern, outputs);
    const ordered = [...files].sort((a, b) => a.dataset.cases.length - b.dataset.cases.length);
    for (const planned of ordered) {
      const input = inputOf(planned, outputs, layout.runId);
      for (let run = 1; run <= planned.runs; run++) {
        specs.push({ pattern, series: layout.seriesOf(pattern), outputs, dataset: planned.dataset, size: planned.dataset.cases.length, run, ...input });
      }
    }
  }
  return { specs, warnings: datasets.warnings };
}
