/**
 * `nx run infra:validate`: Terraform itself checks every synthesized stack, offline.
 * For each stack in cdktf.out: a scratch copy with the AWS provider taken from a mirror on disk
 * (tf-validate/mirror.ts says where it looks), `terraform init -backend=false`, `validate -json`,
 * then the backend replaced by a local state in the scratch folder and `plan -refresh=false`
 * with a provider that asks AWS nothing. Any error or warning fails it; so does a plan that
 * would not add exactly the stack's resources. Without a Terraform/OpenTofu binary or a mirror it
 * says which is missing and skips (exit 0).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { nodeProbe } from './cdktf-run';
import { findTerraformBinary } from './prerequisites';
import { type CheckResult, type Diagnostic, formatDiagnostic, parseInitOutput, parsePlanLines, parseValidate } from './tf-validate/diagnostics';
import { MIRROR_ENV, type MirrorProbe, type ProviderMirror, chooseVersion, findProviderMirror } from './tf-validate/mirror';
import { OFFLINE_PROVIDER_OVERRIDE, type StackJson, cliConfig, localBackendOverride, pinnedAwsVersion, resourceCount, rewriteForMirror } from './tf-validate/offline-stack';

const OUTDIR = path.resolve(__dirname, '..', 'cdktf.out');

const mirrorProbe: MirrorProbe = {
  env: process.env,
  homeDir: homedir(),
  platform: process.platform,
  arch: process.arch,
  list: (dir) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
  readText: (file) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
  isDirectory: (file) => {
    try {
      return statSync(file).isDirectory();
    } catch {
      return false;
    }
  },
};

/** Terraform's own settings, a real AWS identity or an Nx-inherited TF_* must not leak into the check. */
function childEnv(cliConfigFile: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('TF_') && !key.startsWith('AWS_')) env[key] = value;
  return { ...env, TF_CLI_CONFIG_FILE: cliConfigFile, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' };
}

interface StackReport {
  stack: string;
  problems: string[];
  summary?: string;
}

function run(binary: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(binary, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status ?? 1, stdout: result.stdout ?? '', stderr: result.stderr ?? String(result.error ?? '') };
}

function problemsOf(step: string, result: CheckResult, status: number, output: string): string[] {
  const problems = result.diagnostics.map((d: Diagnostic) => `${step}: ${formatDiagnostic(d)}`);
  if (status !== 0 && problems.length === 0) problems.push(`${step}: exited ${status}: ${output.trim().slice(-800)}`);
  return problems;
}

function checkStack(binary: string, mirror: ProviderMirror, version: string, name: string, stackDir: string): StackReport {
  const scratch = mkdtempSync(path.join(tmpdir(), `infra-validate-${name}-`));
  try {
    const stack = JSON.parse(readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as StackJson;
    writeFileSync(path.join(scratch, 'cdk.tf.json'), JSON.stringify(rewriteForMirror(stack, mirror.host, version), null, 2));
    // The Lambda archives are referenced by relative path (assets/…): the plan hashes nothing, but keep them reachable.
    if (existsSync(path.join(stackDir, 'assets'))) symlinkSync(path.join(stackDir, 'assets'), path.join(scratch, 'assets'), 'dir');
    writeFileSync(path.join(scratch, 'zz_offline_provider_override.tf.json'), JSON.stringify(OFFLINE_PROVIDER_OVERRIDE, null, 2));
    const configFile = path.join(scratch, 'offline.tfrc');
    writeFileSync(configFile, cliConfig(mirror.dir, mirror.host));
    const env = childEnv(configFile);

    const problems: string[] = [];
    const init = run(binary, ['init', '-backend=false', '-input=false', '-no-color'], scratch, env);
    problems.push(...problemsOf('init', parseInitOutput(init.stdout + init.stderr), init.status, init.stdout + init.stderr));
    if (init.status !== 0) return { stack: name, problems };

    const validate = run(binary, ['validate', '-json', '-no-color'], scratch, env);
    const validated = parseValidate(validate.stdout);
    problems.push(...problemsOf('validate', validated, validate.status, validate.stdout + validate.stderr));
    if (!validated.valid) return { stack: name, problems: problems.length > 0 ? problems : ['validate: the configuration is not valid'] };

    writeFileSync(path.join(scratch, 'zz_offline_backend_override.tf.json'), JSON.stringify(localBackendOverride(path.join(scratch, 'offline.tfstate')), null, 2));
    const reinit = run(binary, ['init', '-reconfigure', '-input=false', '-no-color'], scratch, env);
    problems.push(...problemsOf('init (local backend)', parseInitOutput(reinit.stdout + reinit.stderr), reinit.status, reinit.stdout + reinit.stderr));
    if (reinit.status !== 0) return { stack: name, problems };

    const plan = run(binary, ['plan', '-json', '-input=false', '-refresh=false', '-lock=false', '-no-color', '-out=offline.tfplan'], scratch, env);
    const planned = parsePlanLines(plan.stdout);
    problems.push(...problemsOf('plan', planned, plan.status, plan.stdout + plan.stderr));
    const expected = resourceCount(stack);
    const changes = planned.changes;
    if (changes === undefined) problems.push('plan: no change summary');
    else if (changes.add !== expected || changes.change !== 0 || changes.remove !== 0) {
      problems.push(`plan: ${changes.add} to add, ${changes.change} to change, ${changes.remove} to destroy; expected ${expected} to add (every resource of the stack) and nothing else`);
    }
    const summary = changes === undefined ? undefined : `valid, 0 warnings; plan: ${changes.add} to add, ${changes.change} to change, ${changes.remove} to destroy`;
    return { stack: name, problems, ...(summary === undefined ? {} : { summary }) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function main(): number {
  const binary = findTerraformBinary(nodeProbe);
  const mirror = findProviderMirror(mirrorProbe);
  const missing: string[] = [];
  if (binary === undefined) missing.push('no `terraform` or `tofu` on PATH (or the binary TERRAFORM_BINARY_NAME names)');
  if (mirror === undefined) missing.push(`no hashicorp/aws provider mirror for this platform (looked in ${MIRROR_ENV}, the Terraform CLI configuration's filesystem_mirror, Terraform's implied local mirror directories, the directories under /opt; set ${MIRROR_ENV} to point at one)`);
  if (binary === undefined || mirror === undefined) {
    console.log(`infra:validate skipped: ${missing.join('; ')}.`);
    return 0;
  }
  const manifestFile = path.join(OUTDIR, 'manifest.json');
  if (!existsSync(manifestFile)) {
    console.error(`infra:validate: ${manifestFile} is missing; run \`npx nx run infra:synth\` first (the target depends on it).`);
    return 1;
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string }> };
  const version = run(binary, ['version'], OUTDIR, childEnv('/dev/null')).stdout.split('\n')[0] ?? binary;
  console.log(`infra:validate: ${version.trim()} (${binary}); hashicorp/aws from ${mirror.dir} (${mirror.foundBy}: ${mirror.versions.join(', ')})`);

  let failed = 0;
  for (const [name, entry] of Object.entries(manifest.stacks)) {
    const stackDir = path.dirname(path.join(OUTDIR, entry.synthesizedStackPath));
    const pinned = pinnedAwsVersion(JSON.parse(readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as StackJson);
    const chosen = chooseVersion(pinned, mirror.versions);
    if (chosen === undefined) {
      console.error(`✗ ${name}: no usable hashicorp/aws version in ${mirror.dir}`);
      failed += 1;
      continue;
    }
    const against = chosen.exact ? `hashicorp/aws ${pinned}` : `hashicorp/aws ${chosen.version} (the stack pins ${pinned}, which the mirror does not hold: checked against the nearest it does)`;
    const report = checkStack(binary, mirror, chosen.version, name, stackDir);
    if (report.problems.length === 0) console.log(`✓ ${name}: ${report.summary ?? 'valid'}; against ${against}`);
    else {
      failed += 1;
      console.error(`✗ ${name} (against ${against}):\n${report.problems.map((p) => `    ${p}`).join('\n')}`);
    }
  }
  console.log(failed === 0 ? `infra:validate: ${Object.keys(manifest.stacks).length} stacks valid and planned, no warnings.` : `infra:validate: ${failed} stack(s) failed.`);
  return failed === 0 ? 0 : 1;
}

if (require.main === module) process.exit(main());
