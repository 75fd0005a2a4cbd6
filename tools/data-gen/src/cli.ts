#!/usr/bin/env node
import { Command } from 'commander';
import { CLI_DEFAULTS, SHAPES, resolveOptions, type RawOptions } from './options';
import { describeFile, generateDatasets } from './run';

const program = new Command('data-gen')
  .description('Write flat and slotted fan-out datasets in the seeds\' exact format.')
  .option('--sizes <list>', 'comma-separated case counts', CLI_DEFAULTS.sizes)
  .option('--slots <n>', 'Parallel branches of the slotted shape', CLI_DEFAULTS.slots)
  .option('--chunk-size <c>', 'consecutive cases dealt to one slot at a time (default: the slot count)')
  .option('--request-id <id>', 'requestId written into every dataset', CLI_DEFAULTS.requestId)
  .option('--out <dir>', 'output directory; shapes go to <dir>/flat and <dir>/slotted', CLI_DEFAULTS.out)
  .option('--shapes <list>', `which shapes to write: ${SHAPES.join(',')} (none: only --items)`, CLI_DEFAULTS.shapes)
  .option('--duration <spec>', 'per-case durationMs: constant:<ms> | uniform:<min>:<max> | lognormal:<median>:<sigma>')
  .option('--failure-rate <p>', 'share of cases (0–1) given an injected failure')
  .option('--seed <n>', 'seed for --duration and --failure-rate draws (default 1)')
  .option('--allow-oversize', 'write datasets over the 256 KiB Step Functions input limit, with a warning')
  .option('--items <formats>', 'also write the cases as items objects for distributed-map (S3 ItemReader): jsonl, json or jsonl,json')
  .option('--items-bucket <name>', 'with --items: write the request {requestId, itemsBucket, itemsKey} naming each items object in this bucket')
  .showHelpAfterError();

try {
  program.parse();
  const options = resolveOptions(program.opts<RawOptions>());
  const files = generateDatasets(options);
  for (const file of files) console.log(describeFile(file));
  console.log(`data-gen: wrote ${files.length} file(s) under ${options.out}`);
} catch (error) {
  // Option and size errors are the user's to fix: the message says what and where, no stack.
  const named = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.error(`data-gen: ${named}`);
  process.exitCode = 1;
}
