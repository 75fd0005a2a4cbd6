/**
 * The copy of a synthesized stack that Terraform checks offline, and the files beside it. Pure:
 * JSON in, JSON and HCL text out.
 */
import * as path from 'node:path';

export interface StackJson {
  terraform?: { required_providers?: Record<string, { source?: string; version?: string }>; backend?: unknown };
  resource?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/** The provider version the stack pins (`required_providers.aws.version`). */
export function pinnedAwsVersion(stack: StackJson): string {
  const version = stack.terraform?.required_providers?.['aws']?.version;
  if (version === undefined || !/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`the stack does not pin an exact hashicorp/aws version (found ${JSON.stringify(version)})`);
  return version;
}

/** The stack with its AWS provider at `version`, fully qualified under the mirror's `host`. Nothing else changes. */
export function rewriteForMirror(stack: StackJson, host: string, version: string): StackJson {
  const copy = structuredClone(stack);
  const providers = copy.terraform?.required_providers;
  const aws = providers?.['aws'];
  if (providers === undefined || aws === undefined) throw new Error('the stack declares no required_providers.aws');
  providers['aws'] = { ...aws, source: `${host}/hashicorp/aws`, version };
  return copy;
}

/**
 * Override file for the provider: no credential, account or metadata lookups, dummy keys, so
 * plan runs with no AWS and no network. Terraform merges it into the stack's provider block.
 */
export const OFFLINE_PROVIDER_OVERRIDE = {
  provider: {
    aws: {
      access_key: 'offline-validation',
      secret_key: 'offline-validation',
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
    },
  },
};

/** Override file replacing the stack's backend (local or S3) by a local state in the scratch folder, for plan. */
export function localBackendOverride(stateFile: string): object {
  return { terraform: { backend: { local: { path: stateFile } } } };
}

/** A CLI configuration that installs hashicorp/aws from the mirror only: nothing reaches a registry. */
export function cliConfig(mirrorDir: string, host: string): string {
  const dir = mirrorDir.split(path.sep).join('/');
  return `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(dir)}\n    include = [${JSON.stringify(`${host}/hashicorp/aws`)}]\n  }\n}\n`;
}

/** Managed resources the stack declares (what a plan from an empty state must add). */
export function resourceCount(stack: StackJson): number {
  return Object.values(stack.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
}
