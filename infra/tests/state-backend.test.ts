import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildApp } from '../src/app';
import { INFRA_ROOT } from '../src/config';
import { PATTERN_IDS } from '../src/constants';
import { fixtureBundleRoot, testConfig } from './support/synth';

interface Manifest {
  stacks: Record<string, { workingDirectory: string; synthesizedStackPath: string }>;
}

describe('local state backend', () => {
  let bundles: ReturnType<typeof fixtureBundleRoot>;
  let parent: string;
  beforeAll(() => {
    bundles = fixtureBundleRoot();
    parent = mkdtempSync(path.join(tmpdir(), 'infra-app-'));
  });
  afterAll(() => {
    bundles.cleanup();
    rmSync(parent, { recursive: true, force: true });
  });

  it('is a relative path that, from the folder cdktf runs terraform in, is terraform.<prefix>.<region>.<stack>.tfstate beside the output folder — infra/ for cdktf.json\'s', () => {
    // Arrange
    const outdir = path.join(parent, 'cdktf.out');
    const cdktfJsonOutput = (JSON.parse(readFileSync(path.join(INFRA_ROOT, 'cdktf.json'), 'utf8')) as { output: string }).output;

    // Act
    buildApp({ config: testConfig({ bundleRoot: bundles.root }), outdir }).app.synth();
    const manifest = JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as Manifest;

    // Assert
    expect(Object.keys(manifest.stacks).sort()).toEqual([...PATTERN_IDS].sort());
    for (const [id, stack] of Object.entries(manifest.stacks)) {
      const synthesized = JSON.parse(readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8')) as {
        terraform: { backend: { local: { path: string } }; required_version?: string; required_providers?: Record<string, { source?: string }> };
      };
      const statePath = synthesized.terraform.backend.local.path;
      // use_lockfile (S3 state locking) needs Terraform 1.10: an older binary stops at init, saying so.
      // Bounded above: a Terraform 2 may change what these stacks rely on.
      expect([id, synthesized.terraform.required_version]).toEqual([id, '>= 1.10, < 2.0']);
      // Fully qualified: OpenTofu would read a bare `aws` as its own registry's.
      expect([id, synthesized.terraform.required_providers?.['aws']?.source]).toEqual([id, 'hashicorp/aws']);
      expect([id, path.isAbsolute(statePath)]).toEqual([id, false]);
      // cdktf-cli runs terraform with cwd <outdir>/<workingDirectory> (the manifest's, `stacks/<id>`).
      expect([id, path.resolve(outdir, stack.workingDirectory, statePath)]).toEqual([id, path.join(parent, `terraform.fanout.us-east-1.${id}.tfstate`)]);
      expect([id, path.resolve(INFRA_ROOT, cdktfJsonOutput, stack.workingDirectory, statePath)]).toEqual([id, path.join(INFRA_ROOT, `terraform.fanout.us-east-1.${id}.tfstate`)]);
    }
  });
});
