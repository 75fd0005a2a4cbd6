/**
 * Where `infra:validate` finds the AWS provider without the registry: a provider mirror on disk.
 * Pure over an injected file system probe, so the search order is testable.
 *
 * Search order (the first directory holding hashicorp/aws for this platform wins):
 * 1. the directory in FANOUT_TF_PROVIDER_MIRROR;
 * 2. the `filesystem_mirror` paths of the user's Terraform CLI configuration (TF_CLI_CONFIG_FILE,
 *    else ~/.terraformrc, on Windows %APPDATA%/terraform.rc);
 * 3. Terraform's implied local mirror directories: ~/.terraform.d/plugins, then
 *    $XDG_DATA_HOME/terraform/plugins (~/.local/share/terraform/plugins) and
 *    <each of $XDG_DATA_DIRS>/terraform/plugins (/usr/local/share, /usr/share) — the same with
 *    `opentofu` for OpenTofu — on macOS ~/Library/Application Support/io.terraform/plugins and
 *    /Library/Application Support/io.terraform/plugins, on Windows %APPDATA%/terraform.d/plugins
 *    and %APPDATA%/HashiCorp/Terraform/plugins;
 * 4. (not on Windows) each directory directly under /opt, where machine images install software
 *    such as a packaged mirror.
 */
import * as path from 'node:path';

export const MIRROR_ENV = 'FANOUT_TF_PROVIDER_MIRROR';
/** Where packaged software lands on Linux and macOS images; each directory in it is tried. */
export const OPT_DIR = '/opt';
/** The registry hosts a mirror may file hashicorp/aws under (Terraform's, OpenTofu's). */
export const PROVIDER_HOSTS = ['registry.terraform.io', 'registry.opentofu.org'] as const;

export interface MirrorProbe {
  env: NodeJS.ProcessEnv;
  homeDir: string;
  platform: NodeJS.Platform;
  arch: string;
  /** Entries of a directory, or [] when it does not exist. */
  list(dir: string): string[];
  /** A file's text, or undefined when it cannot be read. */
  readText(file: string): string | undefined;
  isDirectory(file: string): boolean;
}

export interface ProviderMirror {
  dir: string;
  host: (typeof PROVIDER_HOSTS)[number];
  /** Versions of hashicorp/aws for this platform, ascending. */
  versions: string[];
  /** Which rule of the search order found it. */
  foundBy: string;
}

/** `linux_amd64`, `darwin_arm64`, `windows_amd64`, … as provider packages name platforms. */
export function platformName(platform: NodeJS.Platform, arch: string): string {
  const os = platform === 'win32' ? 'windows' : platform;
  const cpu = arch === 'x64' ? 'amd64' : arch === 'ia32' ? '386' : arch;
  return `${os}_${cpu}`;
}

/** The directories to look in, in order, each with the rule that names it. */
export function mirrorCandidates(probe: MirrorProbe): { dir: string; foundBy: string }[] {
  const { env, homeDir } = probe;
  const out: { dir: string; foundBy: string }[] = [];
  const fromEnv = env[MIRROR_ENV];
  if (fromEnv !== undefined && fromEnv !== '') out.push({ dir: fromEnv, foundBy: MIRROR_ENV });
  const configFile = cliConfigFile(probe);
  const config = probe.readText(configFile);
  for (const dir of config === undefined ? [] : filesystemMirrorPaths(config)) out.push({ dir, foundBy: `filesystem_mirror in ${configFile}` });
  const implied = (dir: string) => out.push({ dir, foundBy: 'implied local mirror directory' });
  if (probe.platform === 'win32') {
    const appData = env['APPDATA'] ?? path.join(homeDir, 'AppData', 'Roaming');
    implied(path.join(appData, 'terraform.d', 'plugins'));
    implied(path.join(appData, 'HashiCorp', 'Terraform', 'plugins'));
  } else {
    implied(path.join(homeDir, '.terraform.d', 'plugins'));
    if (probe.platform === 'darwin') {
      implied(path.join(homeDir, 'Library', 'Application Support', 'io.terraform', 'plugins'));
      implied(path.join('/Library', 'Application Support', 'io.terraform', 'plugins'));
    }
    const dataHome = env['XDG_DATA_HOME'] || path.join(homeDir, '.local', 'share');
    const dataDirs = (env['XDG_DATA_DIRS'] || '/usr/local/share:/usr/share').split(':').filter((d) => d !== '');
    for (const tool of ['terraform', 'opentofu']) for (const base of [dataHome, ...dataDirs]) implied(path.join(base, tool, 'plugins'));
  }
  if (probe.platform !== 'win32') for (const entry of probe.list(OPT_DIR).sort()) out.push({ dir: path.join(OPT_DIR, entry), foundBy: `a directory under ${OPT_DIR}` });
  return out;
}

/** The Terraform CLI configuration file Terraform itself would read. */
export function cliConfigFile(probe: Pick<MirrorProbe, 'env' | 'homeDir' | 'platform'>): string {
  const explicit = probe.env['TF_CLI_CONFIG_FILE'];
  if (explicit !== undefined && explicit !== '') return explicit;
  if (probe.platform === 'win32') return path.join(probe.env['APPDATA'] ?? path.join(probe.homeDir, 'AppData', 'Roaming'), 'terraform.rc');
  return path.join(probe.homeDir, '.terraformrc');
}

/**
 * The `path` of every `filesystem_mirror` block in a CLI configuration. Read with a pattern, not
 * an HCL parser: it finds `path = "…"` inside `filesystem_mirror { … }`, which is how the
 * configuration is written in practice.
 */
export function filesystemMirrorPaths(config: string): string[] {
  const paths: string[] = [];
  for (const block of config.matchAll(/filesystem_mirror\s*\{([^}]*)\}/g)) {
    const found = /(?:^|\s)path\s*=\s*"([^"]+)"/.exec(block[1] ?? '');
    if (found?.[1] !== undefined) paths.push(found[1]);
  }
  return paths;
}

const VERSION = /^\d+\.\d+\.\d+$/;

/** Versions of hashicorp/aws under `dir/<host>/hashicorp/aws`, unpacked (`<v>/<platform>/`) or packed (`terraform-provider-aws_<v>_<platform>.zip`). */
export function providerVersions(probe: MirrorProbe, dir: string, host: string): string[] {
  const base = path.join(dir, host, 'hashicorp', 'aws');
  const platform = platformName(probe.platform, probe.arch);
  const found = new Set<string>();
  for (const entry of probe.list(base)) {
    if (VERSION.test(entry) && probe.isDirectory(path.join(base, entry, platform))) found.add(entry);
    const packed = new RegExp(`^terraform-provider-aws_(\\d+\\.\\d+\\.\\d+)_${platform}\\.zip$`).exec(entry);
    if (packed?.[1] !== undefined) found.add(packed[1]);
  }
  return [...found].sort(compareVersions);
}

export function compareVersions(a: string, b: string): number {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < 3; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The first directory of the search order holding the provider for this platform. */
export function findProviderMirror(probe: MirrorProbe): ProviderMirror | undefined {
  for (const { dir, foundBy } of mirrorCandidates(probe)) {
    for (const host of PROVIDER_HOSTS) {
      const versions = providerVersions(probe, dir, host);
      if (versions.length > 0) return { dir, host, versions, foundBy };
    }
  }
  return undefined;
}

/**
 * The version to check against: the pinned one when the mirror has it, else the nearest the
 * mirror holds — the newest below the pin, or failing that the oldest above it.
 */
export function chooseVersion(pinned: string, available: readonly string[]): { version: string; exact: boolean } | undefined {
  if (available.includes(pinned)) return { version: pinned, exact: true };
  const sorted = [...available].sort(compareVersions);
  const below = sorted.filter((v) => compareVersions(v, pinned) < 0);
  const above = sorted.filter((v) => compareVersions(v, pinned) > 0);
  const version = below.length > 0 ? below[below.length - 1] : above[0];
  return version === undefined ? undefined : { version, exact: false };
}
