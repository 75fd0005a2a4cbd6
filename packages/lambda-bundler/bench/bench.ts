/**
 * Bundle benchmark (not a test): size and load time of each Lambda bundle beside a naive bundle
 * (SFN client + X-Ray SDK, eager imports, plain esbuild), all measured in the same run,
 * interleaved, each sample in a fresh Node process.
 *
 *   nx run lambda-bundler:bench            (builds the three Lambdas first)
 *   tsx packages/lambda-bundler/bench/bench.ts --runs 21
 *
 * load  = time to require the bundle (what the issue asks to halve)
 * cold  = load + first handler call − the case's own compute time: what a cold start adds in
 *         front of the work (the first call also pays for anything loaded lazily).
 */
import { Command } from 'commander';
import { build } from 'esbuild';
import { createSocket } from 'node:dgram';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
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
  label: string;
  bundle: string;
  event: unknown;
  /** The case's own compute time, subtracted from the first call. */
  caseMs: number;
  traced: boolean;
  env?: Record<string, string>;
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
  const dist = (name: string) => join(ROOT, 'dist/apps', name, 'index.js');
  for (const name of ['compute-direct', 'compute-callback', 'summary']) {
    if (!existsSync(dist(name))) throw new Error(`${dist(name)} is missing: run \`nx run-many -t build\` first (nx run lambda-bundler:bench does)`);
  }

  const tmp = await mkdtemp(join(tmpdir(), 'lambda-bench-'));
  const sfn = await startSfnSink();
  const daemon = createSocket('udp4');
  daemon.on('message', () => undefined);
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));

  try {
    const naive = join(tmp, 'naive/index.js');
    await build({ entryPoints: [join(__dirname, 'naive-entry.ts')], outfile: naive, bundle: true, platform: 'node', format: 'cjs', minify: true, logLevel: 'error' });
    const external = await buildLambda({ entry: 'apps/compute-callback/src/index.ts', outdir: join(tmp, 'callback-sdk-external'), workspaceRoot: ROOT, external: ['@aws-sdk/*', '@smithy/*'] });

    const common = { AWS_ENDPOINT_URL_SFN: sfn.url, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', LOG_LEVEL: 'error', COMPUTE_MS: '0' };
    const traced = { LAMBDA_TASK_ROOT: tmp, AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${(daemon.address() as AddressInfo).port}`, _X_AMZN_TRACE_ID: TRACE_ID };
    const variants: Variant[] = [
      { label: 'naive: SFN client + X-Ray, plain esbuild', bundle: naive, event: callbackEvent(0), caseMs: 0, traced: false },
      { label: 'naive, sampled trace', bundle: naive, event: callbackEvent(0), caseMs: 0, traced: true },
      { label: 'compute-callback', bundle: dist('compute-callback'), event: callbackEvent(0), caseMs: 0, traced: false },
      { label: 'compute-callback, sampled trace', bundle: dist('compute-callback'), event: callbackEvent(0), caseMs: 0, traced: true },
      { label: 'compute-callback, 200 ms case', bundle: dist('compute-callback'), event: callbackEvent(200), caseMs: 200, traced: false },
      { label: 'compute-callback, sampled, 200 ms case', bundle: dist('compute-callback'), event: callbackEvent(200), caseMs: 200, traced: true },
      // The SDK left to the runtime: resolved from the root node_modules here, as /var/runtime would on AWS.
      { label: 'compute-callback, SDK external', bundle: external.outfile, event: callbackEvent(0), caseMs: 0, traced: false, env: { NODE_PATH: join(ROOT, 'node_modules') } },
      { label: 'compute-direct', bundle: dist('compute-direct'), event: { requestId: 'bench', request: { caseId: '0', durationMs: 0 } }, caseMs: 0, traced: false },
      { label: 'compute-direct, sampled trace', bundle: dist('compute-direct'), event: { requestId: 'bench', request: { caseId: '0', durationMs: 0 } }, caseMs: 0, traced: true },
      { label: 'summary', bundle: dist('summary'), event: { requestId: 'bench', expectedCaseIds: ['0'], results: [{ requestId: 'bench', request: { caseId: '0' }, durationMs: 1, state: 'SUCCEEDED' }] }, caseMs: 0, traced: false },
    ];

    const samples = variants.map(() => ({ load: [] as number[], cold: [] as number[] }));
    process.stdout.write(`${runs} runs × ${variants.length} variants, interleaved, each in a fresh Node ${process.version} process…\n`);
    for (let run = 0; run < runs; run++) {
      for (const [i, v] of variants.entries()) {
        const result = await invokeBundle({ bundle: v.bundle, events: [v.event], env: { ...common, ...(v.traced ? traced : {}), ...v.env } });
        const first = result.invocations[0];
        if (!first?.ok) throw new Error(`${v.label}: first call failed: ${first?.error?.name}: ${first?.error?.message}\n${result.stderr}`);
        samples[i]?.load.push(result.loadMs);
        samples[i]?.cold.push(result.loadMs + first.ms - v.caseMs);
      }
    }

    const naiveLoad = median(samples[0]?.load ?? []);
    const naiveCold = median(samples[0]?.cold ?? []);
    const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)}`;
    const rows = variants.map((v, i) => {
      const code = readFileSync(v.bundle);
      const load = median(samples[i]?.load ?? []);
      const cold = median(samples[i]?.cold ?? []);
      return [v.label, kib(statSync(v.bundle).size), kib(gzipSync(code).length), load.toFixed(1), (load / naiveLoad).toFixed(2), cold.toFixed(1), (cold / naiveCold).toFixed(2)];
    });
    const header = ['variant', 'KiB', 'gzip KiB', 'load ms (median)', 'load ÷ naive', 'cold ms (median)', 'cold ÷ naive'];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
    const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
    process.stdout.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`);
    process.stdout.write('cold = load + first handler call − the case\'s own compute time (0 ms unless stated).\n');
  } finally {
    daemon.close();
    await new Promise((resolve) => sfn.server.close(resolve));
    await rm(tmp, { recursive: true, force: true });
  }
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
