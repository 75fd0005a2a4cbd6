/**
 * A stable fingerprint of the fully resolved configuration (defaults ← file ← environment), for
 * Nx's cache: the config file is git-ignored (Nx does not hash ignored files) and FANOUT_CONFIG
 * may name a file anywhere, so `synth` hashes what the loader resolves instead of the files.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { type InfraConfig, type LoadConfigOptions, WORKSPACE_ROOT, loadConfig } from './config';

/** JSON with object keys sorted at every depth, so key order in a file or tag map does not matter. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The resolved config as canonical JSON. bundleRoot is made relative to the workspace so two
 * checkouts of the same commit and config share cache entries (the bundles' contents are
 * hashed by Nx through the build outputs, not through this path).
 */
export function configFingerprint(config: InfraConfig): string {
  const bundleRoot = path.relative(WORKSPACE_ROOT, config.bundleRoot).split(path.sep).join('/');
  return canonicalJson({ ...config, bundleRoot });
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * `config:<sha256>` of the resolved configuration; for a configuration the loader rejects,
 * `invalid-config:<sha256 of the error>` instead of failing, so Nx still hashes and `synth`
 * runs and reports the error itself (a failed task is never cached).
 */
export function configHash(options: LoadConfigOptions = {}): string {
  try {
    return `config:${sha256(configFingerprint(loadConfig(options)))}`;
  } catch (error) {
    return `invalid-config:${sha256(String((error as Error).message ?? error))}`;
  }
}
