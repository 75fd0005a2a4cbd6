#!/usr/bin/env node
import { join } from 'node:path';
import { Command } from 'commander';
import { runBench } from './bench';
import { BenchError } from './errors';
import {
  DEFAULT_DISTRIBUTED_BATCH,
  DEFAULT_RUNS,
  DEFAULT_RUN_TIMEOUT_SECONDS,
  DEFAULT_SCALE_RUN,
  DEFAULT_SIZES,
  DEFAULT_TIME_SCALE,
  type RawOptions,
  resolveOptions,
} from './options';
import { PATTERNS } from './patterns/registry';
import { progressFor } from './progress';
import { findChromium, renderReport } from './report/browser';

const program = new Command('bench')
  .description('Run datasets through the fan-out patterns, measure them from the execution history, report (table, JSON/CSV, HTML).')
  .option('--target <name>', 'local (the offline local cloud) or aws (stacks deployed with infra:deploy); under Nx: nx run bench:run:aws', 'local')
  .option('--patterns <list>', `comma-separated, of ${PATTERNS.map((p) => p.id).join(', ')} (default: every deployed one)`)
  .option('--sizes <list>', `case counts; reads <dataset-dir>/<flat|slotted>/dataset_<n>.json, writing a missing one with data-gen's defaults (default ${DEFAULT_SIZES.join(',')})`)
  .option('--runs <n>', 'runs per pattern and size', String(DEFAULT_RUNS))
  .option('--datasets <files>', 'comma-separated dataset files (any data-gen output) instead of --sizes; each goes to the patterns of its shape')
  .option('--dataset-dir <dir>', 'where data-gen wrote the datasets', 'datasets')
  .option('--compute-ms <ms>', 'write durationMs into every case that has none (default: the deployed COMPUTE_MS, 5000)')
  .option('--time-scale <k>', `simulated seconds per real second on the local cloud (default ${DEFAULT_TIME_SCALE})`)
  .option('--outputs <file>', "the stacks' outputs file for --target aws (default: infra/outputs/deploy-outputs.json)")
  .option('--out <dir>', 'results folder; each bench run writes <out>/<run-id>/', 'results')
  .option('--run-timeout <seconds>', 'stop an execution still running after this long (AWS time)', String(DEFAULT_RUN_TIMEOUT_SECONDS))
  .option('--items <source>', 'distributed-map: auto (the request when it fits in 256 KiB, else an items object in S3), request, or s3', 'auto')
  .option('--scale-run <cases>', `distributed-map: one more run of this many cases (default ${DEFAULT_SCALE_RUN} without --sizes and --datasets; 0: none)`)
  .option('--distributed-batch <n>', `local only: also run distributed-map synthesized with FANOUT_DISTRIBUTED_MAX_ITEMS_PER_BATCH=<n>, as its own series (default ${DEFAULT_DISTRIBUTED_BATCH}; 0: none)`)
  .option('--allow-over-ceiling', 'run a dataset beyond one execution\'s ceiling anyway, to record how it fails')
  .option('--screenshot', 'open report.html in headless Chromium and save report.png beside it')
  .showHelpAfterError();

async function main(): Promise<void> {
  program.parse();
  const options = resolveOptions(program.opts<RawOptions>());
  const controller = new AbortController();
  const onSigint = (): void => {
    console.error('bench: interrupted; stopping the open execution');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  try {
    const outcome = await runBench(options, { progress: progressFor, say: (line) => console.log(line), signal: controller.signal });
    console.log(`\n${outcome.table}\n`);
    console.log(`bench: wrote ${outcome.results.records.length} run record(s) to ${outcome.dir} (results.json, results.csv, series.json, report.html, raw/)`);
    if (options.screenshot) await screenshot(outcome.dir);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function screenshot(dir: string): Promise<void> {
  const chromium = findChromium();
  if (!chromium) {
    console.log('bench: --screenshot: no Chromium found (apt-get install -y chromium, or set BENCH_CHROMIUM); report.png not written');
    return;
  }
  const { charts } = await renderReport(join(dir, 'report.html'), join(dir, 'report.png'), chromium);
  const empty = charts.filter((c) => c.points.every((n) => n === 0) || c.paintedPixels === 0);
  console.log(`bench: report.png written; ${charts.length - empty.length} of ${charts.length} charts drew data${empty.length ? ` (empty: ${empty.map((c) => c.id).join(', ')})` : ''}`);
}

main().catch((error: unknown) => {
  // The user's mistakes (options, datasets, target) read as one message; anything else keeps its stack.
  if (error instanceof BenchError) console.error(`bench: ${error.name}: ${error.message}`);
  else console.error('bench: failed:', error);
  process.exitCode = 1;
});
