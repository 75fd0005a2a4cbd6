/**
 * Bundle benchmark (not a test): size and load time of each Lambda bundle beside a naive bundle
 * (SFN client + X-Ray SDK, eager imports, plain esbuild), all measured in the same run,
 * interleaved, each sample in a fresh Node process.
 *
 *   nx run lambda-bundler:bench            (builds the three Lambdas first)
 *   tsx packages/lambda-bundler/bench/bench.ts --runs 21
 *
 * load  = time to require the bundle (the target: at most half the naive bundle's)
 * cold  = load + first handler call − the case's own compute time: what a cold start adds in
 *         front of the work (the first call also pays for anything loaded lazily).
 * The rows "--enable-source-maps" run the same bundle with NODE_OPTIONS=--enable-source-maps, to
 * decide whether the functions should set it; "failing case" rows log the error (LOG_LEVEL=warn),
 * so its stack is formatted — through the source map when it is enabled.
 */
import { Command } from 'commander';
import { build } from 'esbuild';
import { createSocket } from 'node:dgram';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildLambda } from '../src/build';
import { invokeBundle } from '../src/invoke';

const ROOT = join(__dirname, '../../..');
const TRACE_ID = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';

interface Variant {
  /** Stable name the headline refers to. */
  key?: string;
  label: string;
  bundle: string;
  event: unknown;
  /** The case's own compute time, subtracted from the first call. */
  caseMs: number;
  traced: boolean;
  env?: Record<string, string>;
  /** The first call is expected to throw (compute-direct reports a failure that way). */
  throws?: boolean;
}

const callbackEvent = (durationMs: number) => ({
  source: 'com.computing.lambda',
  'detail-type': 'ComputeRequested',
  detail: { payload: { requestId: 'bench', request: { caseId: '0', durationMs } }, taskToken: 'bench-token' },
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** An SFN endpoint that accepts everything and closes connections (no keep-alive to wait for). */
async function startSfnSink(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', connection: 'close' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function main(runs: number): Promise<void> {
  const tmp = await mkdtemp(join(tmpdir(), 'lambda-bench-'));
  // Measure a snapshot: a build running meanwhile (it empties dist/apps/<name> first) must not
  // pull a bundle away in the middle of the run.
  const dist = (name: string) => join(tmp, 'dist', name, 'index.js');
  for (const name of ['compute-direct', 'compute-callback', 'summary']) {
    await cp(join(ROOT, 'dist/apps', name), join(tmp, 'dist', name), { recursive: true }).catch(() => undefined);
    if (!existsSync(dist(name))) {
      await rm(tmp, { recursive: true, force: true });
      throw new Error(`dist/apps/${name}/index.js is missing: run \`nx run-many -t build\` first (nx run lambda-bundler:bench does)`);
    }
  }
  const sfn = await startSfnSink();
  const daemon = createSocket('udp4');
  daemon.on('message', () => undefined);
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));

  try {
    const naive = join(tmp, 'naive/index.js');
    await build({ entryPoints: [join(__dirname, 'naive-entry.ts')], outfile: naive, bundle: true, platform: 'node', format: 'cjs', minify: true, logLevel: 'error' });
    const external = await buildLambda({ entry: 'apps/compute-callback/src/index.ts', outdir: join(tmp, 'callback-sdk-external'), workspaceRoot: ROOT, external: ['@aws-sdk/*', '@smithy/*'] });

    // NODE_OPTIONS emptied: only the source-map rows set it.
    const common = { AWS_ENDPOINT_URL_SFN: sfn.url, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', LOG_LEVEL: 'error', COMPUTE_MS: '0', NODE_OPTIONS: '' };
    const sourceMaps = { NODE_OPTIONS: '--enable-source-maps' };
    const failing = { requestId: 'bench', request: { caseId: '0', durationMs: 0, failure: { error: 'ComputationFailed' } } };
    const failingCallback = { ...callbackEvent(0), detail: { payload: failing, taskToken: 'bench-token' } };
    const traced = { LAMBDA_TASK_ROOT: tmp, AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${(daemon.address() as AddressInfo).port}`, _X_AMZN_TRACE_ID: TRACE_ID };
    const variants: Variant[] = [
      { key: 'naive', label: 'naive: SFN client + X-Ray, plain esbuild', bundle: naive, event: callbackEvent(0), caseMs: 0, traced: false },
      { label: 'naive, sampled trace', bundle: naive, event: callbackEvent(0), caseMs: 0, traced: true },
      { key: 'compute-callback', label: 'compute-callback', bundle: dist('compute-callback'), event: callbackEvent(0), caseMs: 0, traced: false },
      { label: 'compute-callback, sampled trace', bundle: dist('compute-callback'), event: callbackEvent(0), caseMs: 0, traced: true },
      { key: 'compute-callback-200', label: 'compute-callback, 200 ms case', bundle: dist('compute-callback'), event: callbackEvent(200), caseMs: 200, traced: false },
      { label: 'compute-callback, sampled, 200 ms case', bundle: dist('compute-callback'), event: callbackEvent(200), caseMs: 200, traced: true },
      // The SDK left to the runtime: resolved from the root node_modules here, as /var/runtime would on AWS.
      { label: 'compute-callback, SDK external', bundle: external.outfile, event: callbackEvent(0), caseMs: 0, traced: false, env: { NODE_PATH: join(ROOT, 'node_modules') } },
      { key: 'compute-callback-maps', label: 'compute-callback, --enable-source-maps', bundle: dist('compute-callback'), event: callbackEvent(0), caseMs: 0, traced: false, env: sourceMaps },
      { key: 'compute-callback-fail', label: 'compute-callback, failing case', bundle: dist('compute-callback'), event: failingCallback, caseMs: 0, traced: false, env: { LOG_LEVEL: 'warn' } },
      { key: 'compute-callback-fail-maps', label: 'compute-callback, failing, --enable-source-maps', bundle: dist('compute-callback'), event: failingCallback, caseMs: 0, traced: false, env: { LOG_LEVEL: 'warn', ...sourceMaps } },
      { key: 'compute-direct', label: 'compute-direct', bundle: dist('compute-direct'), event: { requestId: 'bench', request: { caseId: '0', durationMs: 0 } }, caseMs: 0, traced: false },
      { label: 'compute-direct, sampled trace', bundle: dist('compute-direct'), event: { requestId: 'bench', request: { caseId: '0', durationMs: 0 } }, caseMs: 0, traced: true },
      { key: 'compute-direct-fail', label: 'compute-direct, failing case', bundle: dist('compute-direct'), event: failing, caseMs: 0, traced: false, throws: true, env: { LOG_LEVEL: 'warn' } },
      { key: 'compute-direct-fail-maps', label: 'compute-direct, failing, --enable-source-maps', bundle: dist('compute-direct'), event: failing, caseMs: 0, traced: false, throws: true, env: { LOG_LEVEL: 'warn', ...sourceMaps } },
      { key: 'summary', label: 'summary', bundle: dist('summary'), event: { requestId: 'bench', expectedCaseIds: ['0'], results: [{ caseId: '0', durationMs: 1 }] }, caseMs: 0, traced: false },
    ];

    const samples = variants.map(() => ({ load: [] as number[], cold: [] as number[] }));
    process.stdout.write(`${runs} runs × ${variants.length} variants, interleaved, each in a fresh Node ${process.version} process…\n`);
    for (let run = 0; run < runs; run++) {
      for (const [i, v] of variants.entries()) {
        const result = await invokeBundle({ bundle: v.bundle, events: [v.event], env: { ...common, ...(v.traced ? traced : {}), ...v.env } });
        const first = result.invocations[0];
        if (Boolean(first?.ok) === Boolean(v.throws)) throw new Error(`${v.label}: first call ${first?.ok ? 'succeeded, expected a failure' : `failed: ${first?.error?.name}: ${first?.error?.message}`}\n${result.stderr}`);
        samples[i]?.load.push(result.loadMs);
        samples[i]?.cold.push(result.loadMs + (first?.ms ?? 0) - v.caseMs);
      }
    }

    const medians = variants.map((_, i) => ({ load: median(samples[i]?.load ?? []), cold: median(samples[i]?.cold ?? []) }));
    const naiveLoad = medians[0]?.load ?? NaN;
    const naiveCold = medians[0]?.cold ?? NaN;
    const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)}`;
    const rows = variants.map((v, i) => {
      const code = readFileSync(v.bundle);
      const { load, cold } = medians[i] ?? { load: NaN, cold: NaN };
      return [v.label, kib(statSync(v.bundle).size), kib(gzipSync(code).length), load.toFixed(1), (load / naiveLoad).toFixed(2), cold.toFixed(1), (cold / naiveCold).toFixed(2)];
    });
    const header = ['variant', 'KiB', 'gzip KiB', 'load ms (median)', 'load ÷ naive', 'cold ms (median)', 'cold ÷ naive'];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
    const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
    process.stdout.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`);
    process.stdout.write('cold = load + first handler call − the case\'s own compute time (0 ms unless stated).\n\n');
    process.stdout.write(headline(Object.fromEntries(variants.flatMap((v, i) => (v.key ? [[v.key, medians[i] ?? { load: NaN, cold: NaN }]] : [])))));
  } finally {
    daemon.close();
    await new Promise((resolve) => sfn.server.close(resolve));
    await rm(tmp, { recursive: true, force: true });
  }
}

type Medians = Record<string, { load: number; cold: number } | undefined>;

/** The target: each Lambda's module load at most half the naive bundle's. */
const LOAD_TARGET = 0.5;

/**
 * The summary lines, computed from this run's medians: both ratios for each Lambda, said plainly —
 * module load is what the target is about, but a cold start also pays the first call.
 */
function headline(m: Medians): string {
  const naive = m['naive'];
  if (!naive) return '';
  const ratio = (key: string, what: 'load' | 'cold') => (m[key]?.[what] ?? NaN) / naive[what];
  const x = (r: number) => `${r.toFixed(2)}×`;
  const lambdas = ['compute-callback', 'compute-direct', 'summary'];
  const loadMet = lambdas.every((k) => ratio(k, 'load') <= LOAD_TARGET);
  const coldCallback = ratio('compute-callback', 'cold');
  const out = [
    `Headline (medians of this run; naive = ${naive.load.toFixed(1)} ms load, ${naive.cold.toFixed(1)} ms cold):`,
    ...lambdas.map((k) => {
      const load = ratio(k, 'load');
      return `  ${k.padEnd(16)} load ${x(load)} naive (target ≤ ${LOAD_TARGET}: ${load <= LOAD_TARGET ? 'met' : 'NOT met'}), cold (load + first call) ${x(ratio(k, 'cold'))} naive`;
    }),
    `  compute-callback with a 200 ms case: cold ${x(ratio('compute-callback-200', 'cold'))} naive (the SDK loads during the case's wait).`,
    `  Module load ${loadMet ? 'is' : 'is NOT'} under half the naive bundle's for all three. Cold start of compute-callback with nothing to overlap (0 ms case): ` +
      `${x(coldCallback)} naive — ${coldCallback <= LOAD_TARGET ? 'halved as well' : coldCallback < 1 ? 'better, but not halved' : 'no better than naive'}.`,
  ];
  const delta = (a: string, b: string, what: 'load' | 'cold') => (m[b]?.[what] ?? NaN) - (m[a]?.[what] ?? NaN);
  const ms = (d: number) => `${d >= 0 ? '+' : ''}${d.toFixed(1)} ms`;
  if (m['compute-callback-maps']) {
    out.push(
      `NODE_OPTIONS=--enable-source-maps: compute-callback load ${ms(delta('compute-callback', 'compute-callback-maps', 'load'))}, cold ${ms(delta('compute-callback', 'compute-callback-maps', 'cold'))}; ` +
        `first failing case (stack logged) cold ${ms(delta('compute-callback-fail', 'compute-callback-fail-maps', 'cold'))} for compute-callback, ${ms(delta('compute-direct-fail', 'compute-direct-fail-maps', 'cold'))} for compute-direct.`,
    );
  }
  return `${out.join('\n')}\n`;
}

const program = new Command('bench')
  .description('Bundle size and module-load time of each Lambda beside the naive bundle')
  .option('--runs <n>', 'samples per variant', '15')
  .action(async (options: { runs: string }) => {
    const runs = Number(options.runs);
    if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs "${options.runs}" must be a positive whole number`);
    await main(runs);
  });

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
