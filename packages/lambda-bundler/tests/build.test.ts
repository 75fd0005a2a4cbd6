import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLambda, invokeBundle, lambdaBuildOptions } from '../src';

const ROOT = join(__dirname, '../../..');
const ENTRY = 'packages/lambda-bundler/tests/fixtures/entry.ts';

describe('buildLambda', () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lambda-bundler-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('is deterministic: two builds give the same bytes, and the source map holds no absolute path', async () => {
    // prepare
    const [a, b] = [await tempDir(), await tempDir()];

    // act
    await buildLambda({ entry: ENTRY, outdir: a, workspaceRoot: ROOT });
    await buildLambda({ entry: ENTRY, outdir: b, workspaceRoot: ROOT });

    // assert
    expect(await readFile(join(a, 'index.js'))).toEqual(await readFile(join(b, 'index.js')));
    expect(await readFile(join(a, 'index.js.map'))).toEqual(await readFile(join(b, 'index.js.map')));
    const map = JSON.parse(await readFile(join(a, 'index.js.map'), 'utf8')) as { sources: string[] };
    expect(map.sources.some((s) => s.endsWith('tests/fixtures/entry.ts'))).toBe(true);
    expect(map.sources.filter((s) => s.startsWith('/'))).toEqual([]);
  });

  it('writes one CommonJS file exporting handler, which runs on this Node', async () => {
    // prepare
    const dir = await tempDir();

    // act
    const result = await buildLambda({ entry: ENTRY, outdir: dir, workspaceRoot: ROOT });
    const code = await readFile(result.outfile, 'utf8');
    const { invocations } = await invokeBundle({ bundle: result.outfile, events: [{ n: 21 }, { n: 'x' }] });

    // assert
    expect(code.startsWith('"use strict";')).toBe(true);
    expect(code.trimEnd().endsWith('//# sourceMappingURL=index.js.map')).toBe(true);
    expect(result.inputs.map((i) => i.name)).toContain('valibot');
    expect(invocations[0]).toMatchObject({ ok: true, value: { doubled: 42 } });
    expect(invocations[1]).toMatchObject({ ok: false, error: { name: 'ValiError' } });
    // The error as the Node Lambda runtime would report it: a minified bundle's stack frames included.
    const cause = JSON.parse(invocations[1]?.cause ?? '{}') as { errorType?: string; errorMessage?: string; trace?: string[] };
    expect(cause).toMatchObject({ errorType: 'ValiError', errorMessage: invocations[1]?.error?.message });
    expect(cause.trace?.[0]).toMatch(/^ValiError: /);
    expect(cause.trace?.some((line) => line.includes('index.js'))).toBe(true);
  });

  it('fails with the file and the reason when an entry does not exist', async () => {
    // act / assert
    await expect(buildLambda({ entry: 'apps/nope/src/index.ts', outdir: await tempDir(), workspaceRoot: ROOT })).rejects.toThrow(/apps\/nope\/src\/index\.ts/);
  });
});

describe('lambdaBuildOptions', () => {
  it('targets Node 20 syntax, CommonJS, ES module builds of dependencies first', () => {
    expect(lambdaBuildOptions({ entry: 'e.ts', outdir: 'dist/apps/x', workspaceRoot: '/ws' })).toMatchObject({
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      mainFields: ['module', 'main'],
      minify: true,
      sourcemap: 'linked',
      outfile: 'dist/apps/x/index.js',
      external: [],
    });
  });
});
