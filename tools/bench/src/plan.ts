/**
 * Everything is checked before anything runs: which patterns, which dataset files, that each
 * file suits its pattern and its deployed stack, and that one execution can carry it.
 */
import { join } from 'node:path';
import { checkAgainstStack, checkCeiling, checkShape } from './datasets/compatibility';
import { type LoadedDataset, executionInput, readDataset, withComputeMs } from './datasets/load';
import { DatasetError, TargetError } from './errors';
import type { BenchOptions } from './options';
import type { StackOutputs } from './outputs';
import { PATTERNS, type PatternSpec, patternById } from './patterns/registry';

/** The datasets each pattern will run, checked without the target. */
export interface DatasetPlan {
  entries: { pattern: PatternSpec; datasets: LoadedDataset[] }[];
  warnings: string[];
}

export interface RunSpec {
  pattern: PatternSpec;
  outputs: StackOutputs;
  dataset: LoadedDataset;
  size: number;
  /** 1-based. */
  run: number;
  /** The execution input text. */
  input: string;
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

function defaultDatasets(options: BenchOptions, pattern: PatternSpec): LoadedDataset[] {
  return options.sizes.map((size) => {
    const dataset = readDataset(join(options.datasetDir, pattern.shape, `dataset_${size}.json`));
    if (dataset.cases.length !== size) {
      throw new DatasetError(`${dataset.file}: holds ${dataset.cases.length} cases where its name says ${size}; regenerate it with npx nx run data-gen:generate --sizes=${size}`);
    }
    checkShape(dataset, pattern);
    return dataset;
  });
}

/** Explicit files go to every selected pattern of their shape; a file no selected pattern can read is refused. */
function explicitDatasets(files: readonly string[], patterns: readonly PatternSpec[]): Map<PatternSpec, LoadedDataset[]> {
  const byPattern = new Map<PatternSpec, LoadedDataset[]>(patterns.map((p) => [p, []]));
  for (const file of files) {
    const dataset = readDataset(file);
    const readers = patterns.filter((p) => p.shape === dataset.shape);
    if (readers.length === 0) checkShape(dataset, patterns[0] as PatternSpec);
    for (const pattern of readers) byPattern.get(pattern)?.push(dataset);
  }
  for (const [pattern, datasets] of byPattern) {
    if (datasets.length === 0) {
      throw new DatasetError(`--datasets: no ${pattern.shape} dataset for ${pattern.id} among ${files.join(', ')}; add one, or leave the pattern out with --patterns`);
    }
  }
  return byPattern;
}

/** Reads and checks every dataset file of the run, before any target is touched. */
export function planDatasets(options: BenchOptions, patterns: readonly PatternSpec[]): DatasetPlan {
  const chosen = options.datasets ? explicitDatasets(options.datasets, patterns) : new Map(patterns.map((p) => [p, defaultDatasets(options, p)]));
  const warnings: string[] = [];
  const entries = [...chosen].map(([pattern, loaded]) => {
    const datasets = loaded.map((d) => (options.computeMs === undefined ? d : withComputeMs(d, options.computeMs)));
    for (const dataset of datasets) {
      warnings.push(...checkCeiling(dataset, pattern, options.allowOverCeiling));
      executionInput(dataset);
    }
    return { pattern, datasets };
  });
  return { entries, warnings };
}

/** Pairs the datasets with the deployed stacks and lays out the runs: pattern by pattern, size by size, run by run. */
export function planRuns(datasets: DatasetPlan, outputsOf: (pattern: PatternSpec) => StackOutputs, runs: number): BenchPlan {
  const specs: RunSpec[] = [];
  for (const { pattern, datasets: files } of datasets.entries) {
    const outputs = outputsOf(pattern);
    for (const dataset of files) checkAgainstStack(dataset, pattern, outputs);
    const ordered = [...files].sort((a, b) => a.cases.length - b.cases.length);
    for (const dataset of ordered) {
      const input = executionInput(dataset);
      for (let run = 1; run <= runs; run++) specs.push({ pattern, outputs, dataset, size: dataset.cases.length, run, input });
    }
  }
  return { specs, warnings: datasets.warnings };
}
