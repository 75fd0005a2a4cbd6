/**
 * What `deploy`, `destroy` and `diff` need before cdktf starts: a Terraform-compatible binary
 * and AWS credentials. Pure over an injected environment and file system so it is testable.
 */
import * as path from 'node:path';

export interface PrerequisiteProbe {
  env: NodeJS.ProcessEnv;
  homeDir: string;
  /** True when `file` exists and is executable. */
  isExecutable(file: string): boolean;
  /** True when `file` exists and is readable. */
  isFile(file: string): boolean;
  readFile(file: string): string;
  platform?: NodeJS.Platform;
}

export interface PrerequisiteReport {
  terraformBinary?: string;
  credentialsSource?: string;
  /** One line per missing prerequisite, naming it and how to fix it. */
  missing: string[];
}

/** cdktf runs `terraform` unless TERRAFORM_BINARY_NAME names another binary (e.g. `tofu`). */
export function findTerraformBinary(probe: PrerequisiteProbe): string | undefined {
  const names = probe.env['TERRAFORM_BINARY_NAME'] ? [probe.env['TERRAFORM_BINARY_NAME']] : ['terraform', 'tofu'];
  const exts = probe.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  const dirs = (probe.env['PATH'] ?? '').split(path.delimiter).filter((d) => d !== '');
  for (const name of names) {
    if (path.isAbsolute(name) && probe.isExecutable(name)) return name;
    for (const dir of dirs) {
      for (const ext of exts) {
        const candidate = path.join(dir, name + ext);
        if (probe.isExecutable(candidate)) return candidate;
      }
    }
  }
  return undefined;
}

/** The first credential source the AWS SDK / Terraform provider would find, described; undefined when none. */
export function findAwsCredentials(probe: PrerequisiteProbe): string | undefined {
  const { env } = probe;
  if (env['AWS_ACCESS_KEY_ID'] && env['AWS_SECRET_ACCESS_KEY']) return 'environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)';
  if (env['AWS_WEB_IDENTITY_TOKEN_FILE'] && env['AWS_ROLE_ARN']) return 'web identity (AWS_WEB_IDENTITY_TOKEN_FILE / AWS_ROLE_ARN)';
  if (env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'] || env['AWS_CONTAINER_CREDENTIALS_FULL_URI']) return 'container credentials endpoint';
  const profile = env['AWS_PROFILE'] ?? env['AWS_DEFAULT_PROFILE'] ?? 'default';
  const credentialsFile = env['AWS_SHARED_CREDENTIALS_FILE'] ?? path.join(probe.homeDir, '.aws', 'credentials');
  const configFile = env['AWS_CONFIG_FILE'] ?? path.join(probe.homeDir, '.aws', 'config');
  if (probe.isFile(credentialsFile) && hasSection(probe.readFile(credentialsFile), profile)) return `profile "${profile}" in ${credentialsFile}`;
  if (probe.isFile(configFile) && hasSection(probe.readFile(configFile), profile === 'default' ? 'default' : `profile ${profile}`)) return `profile "${profile}" in ${configFile}`;
  // Instance roles cannot be seen without calling the metadata service; let the user say so.
  if (env['FANOUT_SKIP_CREDENTIALS_CHECK'] === '1') return 'not checked (FANOUT_SKIP_CREDENTIALS_CHECK=1)';
  return undefined;
}

export function checkPrerequisites(probe: PrerequisiteProbe): PrerequisiteReport {
  const report: PrerequisiteReport = { missing: [] };
  const binary = findTerraformBinary(probe);
  if (binary === undefined) {
    const wanted = probe.env['TERRAFORM_BINARY_NAME'] ? `"${probe.env['TERRAFORM_BINARY_NAME']}" (TERRAFORM_BINARY_NAME)` : '`terraform` or `tofu`';
    report.missing.push(
      `Terraform binary: no ${wanted} on PATH. Install Terraform ≥ 1.10 (https://developer.hashicorp.com/terraform/install) or OpenTofu (then export TERRAFORM_BINARY_NAME=tofu).`,
    );
  } else report.terraformBinary = binary;
  const credentials = findAwsCredentials(probe);
  if (credentials === undefined) {
    report.missing.push(
      'AWS credentials: none found. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE naming a profile in ~/.aws/credentials or ~/.aws/config (run `aws configure` or `aws sso login`). On an instance or container role, set FANOUT_SKIP_CREDENTIALS_CHECK=1.',
    );
  } else report.credentialsSource = credentials;
  return report;
}

/** True when an INI text has `[name]` as a section header. */
function hasSection(text: string, name: string): boolean {
  return text.split(/\r?\n/).some((line) => line.trim() === `[${name}]`);
}
