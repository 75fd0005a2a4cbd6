import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDistributedRequest, parseFlatRequest, parseItems, parseSlottedRequest } from '@fanout/shared-types';
import { resolveOptions, type RawOptions } from '../src/options';
import { type WrittenFile, describeFile, generateDatasets } from '../src/run';
import { generateFlat } from '../src/generate';
import { parseDurationSpec } from '../src/durations';

const defaults: RawOptions = { sizes: '1,5,10,20,40,100,200,500,700,1000', slots: '3', requestId: '123456', out: '', shapes: 'flat,slotted' };
let out: string;

beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'data-gen-'));
});
afterEach(() => rmSync(out, { recursive: true, force: true }));

describe('default datasets', () => {
  it("writes both shapes for the standard sizes, the slotted 100 byte for byte the seed's example", () => {
    // act
    const files = generateDatasets(resolveOptions({ ...defaults, out }));

    // assert
    expect(files).toHaveLength(20);
    expect(readdirSync(join(out, 'flat')).sort()).toEqual(
      ['1', '5', '10', '20', '40', '100', '200', '500', '700', '1000'].map((n) => `dataset_${n}.json`).sort(),
    );
    const seed = readFileSync(join(__dirname, 'fixtures', 'seed-slotted-100.json'), 'utf8');
    expect(readFileSync(join(out, 'slotted', 'dataset_100.json'), 'utf8')).toBe(seed);
  });

  it('writes the flat shape with keys in the seeds order and strings for caseId and length', () => {
    generateDatasets(resolveOptions({ ...defaults, sizes: '3', out }));
    expect(readFileSync(join(out, 'flat', 'dataset_3.json'), 'utf8')).toBe(
      '{"requestId":"123456","requests":[{"caseId":"0"},{"caseId":"1"},{"caseId":"2"}],"length":"3"}',
    );
  });

  it('writes datasets that pass the shared validation', () => {
    generateDatasets(resolveOptions({ ...defaults, sizes: '0,41', out, duration: 'uniform:10:20', failureRate: '0.5' }));
    for (const size of [0, 41]) {
      const flatPath = join(out, 'flat', `dataset_${size}.json`);
      const slottedPath = join(out, 'slotted', `dataset_${size}.json`);
      expect(parseFlatRequest(JSON.parse(readFileSync(flatPath, 'utf8')), flatPath).requests).toHaveLength(size);
      expect(parseSlottedRequest(JSON.parse(readFileSync(slottedPath, 'utf8')), slottedPath).requestSlots).toHaveLength(3);
    }
  });

  it('honours slots, chunk size, request id and shapes', () => {
    generateDatasets(resolveOptions({ ...defaults, sizes: '5', slots: '2', chunkSize: '1', requestId: 'abc', shapes: 'slotted', out }));
    expect(existsSync(join(out, 'flat'))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'slotted', 'dataset_5.json'), 'utf8'))).toEqual({
      requestId: 'abc',
      requestSlots: [{ requests: [{ caseId: '0' }, { caseId: '2' }, { caseId: '4' }] }, { requests: [{ caseId: '1' }, { caseId: '3' }] }],
    });
  });
});

describe('simulation fields', () => {
  const simulated = (seed: number, failureRate = 0.2) =>
    generateFlat(200, { requestId: 'r', simulation: { seed, failureRate, duration: parseDurationSpec('lognormal:5000:0.5') } });

  it('is reproducible from the seed and differs across seeds', () => {
    expect(JSON.stringify(simulated(42))).toBe(JSON.stringify(simulated(42)));
    expect(JSON.stringify(simulated(42))).not.toBe(JSON.stringify(simulated(43)));
  });

  it('makes a smaller dataset the prefix of a larger one', () => {
    const small = simulated(5).requests.slice(0, 10);
    const smaller = generateFlat(10, { requestId: 'r', simulation: { seed: 5, failureRate: 0.2, duration: parseDurationSpec('lognormal:5000:0.5') } });
    expect(smaller.requests).toEqual(small);
  });

  it('draws durations from the named distribution', () => {
    const draw = (spec: string) =>
      generateFlat(1000, { requestId: 'r', simulation: { seed: 3, duration: parseDurationSpec(spec) } }).requests.map((c) => c.durationMs ?? -1);
    expect(new Set(draw('constant:250'))).toEqual(new Set([250]));
    const uniform = draw('uniform:100:200');
    expect(Math.min(...uniform)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...uniform)).toBeLessThanOrEqual(200);
    const lognormal = draw('lognormal:5000:0.5').sort((a, b) => a - b);
    const median = lognormal[500] ?? 0;
    expect(median).toBeGreaterThan(4500);
    expect(median).toBeLessThan(5500);
  });

  it('injects failures at about the asked rate, none at 0 and all at 1', () => {
    const failed = (rate: number) => generateFlat(1000, { requestId: 'r', simulation: { seed: 9, failureRate: rate } }).requests.filter((c) => c.failure).length;
    expect(failed(0)).toBe(0);
    expect(failed(1)).toBe(1000);
    expect(failed(0.1)).toBeGreaterThan(60);
    expect(failed(0.1)).toBeLessThan(140);
    expect(generateFlat(1, { requestId: 'r', simulation: { seed: 1, failureRate: 1 } }).requests[0]?.failure).toEqual({
      error: 'ComputationFailed',
      cause: 'injected by data-gen (failure rate 1)',
    });
  });
});

describe('the 256 KiB input limit', () => {
  it('refuses an oversize dataset and writes nothing at all', () => {
    expect(() => generateDatasets(resolveOptions({ ...defaults, sizes: '10,20000', duration: 'constant:5000', out }))).toThrow(
      /dataset_20000\.json: \d+ bytes is over the Step Functions input limit of 262144 bytes/,
    );
    expect(existsSync(join(out, 'flat'))).toBe(false);
  });

  it('writes it with --allow-oversize, flagged', () => {
    const files = generateDatasets(resolveOptions({ ...defaults, sizes: '20000', shapes: 'flat', duration: 'constant:5000', allowOversize: true, out }));
    expect(files[0]?.oversize).toBe(true);
    expect(files[0]?.bytes).toBeGreaterThan(262_144);
  });
});

describe('option errors', () => {
  it.each<[Partial<RawOptions>, string]>([
    [{ sizes: '10,abc' }, '--sizes: expected a whole number ≥ 0, got "abc"'],
    [{ sizes: '' }, '--sizes: expected a comma-separated list'],
    [{ slots: '0' }, '--slots: expected a whole number ≥ 1, got "0"'],
    [{ chunkSize: '2.5' }, '--chunk-size: expected a whole number ≥ 1, got "2.5"'],
    [{ shapes: 'flat,nested' }, '--shapes: unknown shape "nested"'],
    [{ requestId: ' ' }, '--request-id: must not be empty'],
    [{ failureRate: '1.5' }, '--failure-rate: expected a number from 0 to 1, got "1.5"'],
    [{ seed: '-3' }, '--seed: expected a whole number ≥ 0, got "-3"'],
    [{ duration: 'normal:5' }, '--duration normal:5: unknown distribution "normal"'],
    [{ duration: 'uniform:9:1' }, '--duration uniform:9:1: minMs must not exceed maxMs'],
    [{ duration: 'constant:1000000' }, "exceed Lambda's 15-minute limit"],
    [{ duration: 'lognormal:5000' }, 'lognormal takes 2 value(s)'],
  ])('%o → %s', (override, message) => {
    expect(() => resolveOptions({ ...defaults, out, ...override })).toThrow(message);
  });

  it('the command prints the error without a stack trace and exits non-zero', () => {
    // act
    const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), join(__dirname, '..', 'src', 'cli.ts'), '--slots', '-1', '--out', out], {
      encoding: 'utf8',
    });

    // assert
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('data-gen: DataGenOptionError: --slots: expected a whole number ≥ 1, got "-1"');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('the command prints one line per file written', () => {
    const stdout = execFileSync(process.execPath, [require.resolve('tsx/cli'), join(__dirname, '..', 'src', 'cli.ts'), '--sizes', '7', '--out', out], {
      encoding: 'utf8',
    });
    expect(stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^flat\s+7 cases .* of 256 KiB\)\s+.*flat\/dataset_7\.json$/),
      expect.stringMatching(/^slotted\s+7 cases .*slotted\/dataset_7\.json$/),
      `data-gen: wrote 2 file(s) under ${out}`,
    ]);
  });
});

describe('items objects for distributed-map', () => {
  it('writes JSON Lines and JSON arrays at their S3 keys under items/, the cases exactly as the flat dataset holds them', () => {
    // act
    const files = generateDatasets(resolveOptions({ ...defaults, sizes: '3', shapes: 'flat', items: 'jsonl,json', out }));

    // assert
    expect(files.map((f) => f.shape)).toEqual(['flat', 'items', 'items']);
    const flat = parseFlatRequest(JSON.parse(readFileSync(join(out, 'flat', 'dataset_3.json'), 'utf8')));
    const jsonl = readFileSync(join(out, 'items', 'inputs', '123456', 'dataset_3.jsonl'), 'utf8');
    expect(jsonl).toBe('{"caseId":"0"}\n{"caseId":"1"}\n{"caseId":"2"}');
    expect(parseItems(jsonl, 'JSONL', 'jsonl')).toEqual(flat.requests);
    expect(JSON.parse(readFileSync(join(out, 'items', 'inputs', '123456', 'dataset_3.json'), 'utf8'))).toEqual(flat.requests);
  });

  it('writes the request naming each items object when the bucket is given, valid as a distributed-map request', () => {
    // act
    generateDatasets(resolveOptions({ ...defaults, sizes: '5', shapes: 'none', items: 'jsonl', itemsBucket: 'fanout-distributed-map-123456789012-us-east-1', out }));

    // assert
    const request = parseDistributedRequest(JSON.parse(readFileSync(join(out, 'items-requests', 'dataset_5.jsonl.json'), 'utf8')));
    expect(request).toEqual({ kind: 'items', request: { requestId: '123456', itemsBucket: 'fanout-distributed-map-123456789012-us-east-1', itemsKey: 'inputs/123456/dataset_5.jsonl' } });
    expect(existsSync(join(out, 'flat'))).toBe(false);
  });

  it('writes items objects of any size (no 256 KiB input limit applies to them), warning only past the Summary ceiling', () => {
    // act
    const files = generateDatasets(resolveOptions({ ...defaults, sizes: '20000', shapes: 'none', items: 'jsonl', duration: 'constant:5000', out }));

    // assert
    expect(files[0]).toMatchObject({ shape: 'items', oversize: false, warnings: [] });
    expect(files[0]?.bytes).toBeGreaterThan(262_144);
    expect(describeFile(files[0] as WrittenFile)).toMatch(/^items\s+20000 cases .*\(an items object, no input limit\)\s+.*dataset_20000\.jsonl$/);
  });

  it.each<[Partial<RawOptions>, string]>([
    [{ items: 'csv' }, '--items: unknown format "csv" (expected jsonl, json)'],
    [{ itemsBucket: 'b-u-c' }, '--items-bucket: only used with --items'],
    [{ items: 'jsonl', itemsBucket: 'Not_A_Bucket' }, '--items-bucket: "Not_A_Bucket" is not an S3 bucket name'],
    [{ shapes: 'none' }, '--shapes: unknown shape "none"'],
  ])('%o → %s', (override, message) => {
    expect(() => resolveOptions({ ...defaults, out, ...override })).toThrow(message);
  });

  it('refuses a requestId that cannot be an S3 key segment', () => {
    expect(() => generateDatasets(resolveOptions({ ...defaults, sizes: '1', items: 'jsonl', requestId: 'a/b', out }))).toThrow('--request-id: "a/b" cannot be an S3 key segment');
  });
});
