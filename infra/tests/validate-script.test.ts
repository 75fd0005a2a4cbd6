import * as path from 'node:path';
import { parseInitOutput, parsePlanLines, parseValidate } from '../scripts/tf-validate/diagnostics';
import { type MirrorProbe, chooseVersion, filesystemMirrorPaths, findProviderMirror, mirrorCandidates, platformName } from '../scripts/tf-validate/mirror';
import { OFFLINE_PROVIDER_OVERRIDE, cliConfig, localBackendOverride, pinnedAwsVersion, resourceCount, rewriteForMirror } from '../scripts/tf-validate/offline-stack';

/** A probe over an in-memory tree of directories (and of text files). */
function probe(dirs: string[], env: NodeJS.ProcessEnv = {}, platform: NodeJS.Platform = 'linux', files: Record<string, string> = {}): MirrorProbe {
  const set = new Set(dirs.map((d) => path.normalize(d)));
  return {
    env,
    homeDir: '/home/u',
    platform,
    arch: 'x64',
    readText: (file) => files[file],
    isDirectory: (file) => set.has(path.normalize(file)),
    list: (dir) => {
      const prefix = `${path.normalize(dir)}${path.sep}`;
      return [...new Set([...set].filter((d) => d.startsWith(prefix)).map((d) => d.slice(prefix.length).split(path.sep)[0] ?? ''))];
    },
  };
}
const unpacked = (dir: string, version: string, host = 'registry.terraform.io') => `${dir}/${host}/hashicorp/aws/${version}/linux_amd64`;

describe('infra:validate: where the provider mirror is looked for', () => {
  it('searches FANOUT_TF_PROVIDER_MIRROR, the CLI configuration\'s filesystem_mirror, the implied local mirror directories, then each directory under /opt', () => {
    // prepare
    const rc = 'provider_installation {\n  filesystem_mirror {\n    path    = "/srv/mirror"\n    include = ["registry.terraform.io/*/*"]\n  }\n  direct {}\n}\n';

    // act
    const dirs = mirrorCandidates(probe(['/opt/zeta/x', '/opt/alpha/y'], { FANOUT_TF_PROVIDER_MIRROR: '/mirror', XDG_DATA_DIRS: '/usr/share' }, 'linux', { '/home/u/.terraformrc': rc })).map((c) => c.dir);
    const fromExplicitConfig = mirrorCandidates(probe([], { TF_CLI_CONFIG_FILE: '/etc/tf.rc' }, 'linux', { '/etc/tf.rc': rc }))[0];

    // assert
    expect(dirs).toEqual([
      '/mirror',
      '/srv/mirror',
      '/home/u/.terraform.d/plugins',
      '/home/u/.local/share/terraform/plugins',
      '/usr/share/terraform/plugins',
      '/home/u/.local/share/opentofu/plugins',
      '/usr/share/opentofu/plugins',
      '/opt/alpha',
      '/opt/zeta',
    ]);
    expect(fromExplicitConfig).toEqual({ dir: '/srv/mirror', foundBy: 'filesystem_mirror in /etc/tf.rc' });
  });

  it('reads every filesystem_mirror path of a CLI configuration, and none from other blocks', () => {
    // act
    const paths = filesystemMirrorPaths('provider_installation {\n  network_mirror { url = "https://m/" }\n  filesystem_mirror { path = "/a" }\n  filesystem_mirror {\n    include = ["x/*/*"]\n    path = "/b"\n  }\n}\nplugin_cache_dir = "/cache"\n');

    // assert
    expect(paths).toEqual(['/a', '/b']);
    expect(filesystemMirrorPaths('credentials "app.terraform.io" { token = "t" }')).toEqual([]);
  });

  it('takes the first directory that holds hashicorp/aws for this platform, unpacked or packed, under either registry host', () => {
    // prepare
    const tree = [
      '/home/u/.terraform.d/plugins/registry.terraform.io/hashicorp/aws/5.1.0/darwin_arm64',
      unpacked('/usr/share/terraform/plugins', '5.99.0', 'registry.opentofu.org'),
      unpacked('/opt/provider-mirror', '5.100.0'),
    ];

    // act
    const found = findProviderMirror(probe(tree, { XDG_DATA_DIRS: '/usr/share' }));
    const underOpt = findProviderMirror(probe([unpacked('/opt/provider-mirror', '5.100.0'), '/opt/other-tool/bin']));
    const packed = findProviderMirror({ ...probe(['/m/registry.terraform.io/hashicorp/aws']), list: (d) => (d.endsWith('aws') ? ['terraform-provider-aws_6.25.0_linux_amd64.zip'] : []) , env: { FANOUT_TF_PROVIDER_MIRROR: '/m' } });

    // assert: the darwin build does not count on linux
    expect(found).toEqual({ dir: '/usr/share/terraform/plugins', host: 'registry.opentofu.org', versions: ['5.99.0'], foundBy: 'implied local mirror directory' });
    expect(underOpt).toMatchObject({ dir: '/opt/provider-mirror', versions: ['5.100.0'], foundBy: 'a directory under /opt' });
    expect(packed).toMatchObject({ dir: '/m', versions: ['6.25.0'], foundBy: 'FANOUT_TF_PROVIDER_MIRROR' });
    expect(findProviderMirror(probe([]))).toBeUndefined();
    expect(platformName('win32', 'x64')).toBe('windows_amd64');
  });

  it('checks against the pinned version when the mirror has it, else the nearest it holds (newest below, else oldest above)', () => {
    expect(chooseVersion('6.25.0', ['5.100.0', '6.25.0'])).toEqual({ version: '6.25.0', exact: true });
    expect(chooseVersion('6.25.0', ['5.9.0', '5.100.0', '7.0.0'])).toEqual({ version: '5.100.0', exact: false });
    expect(chooseVersion('6.25.0', ['7.1.0', '7.0.0'])).toEqual({ version: '7.0.0', exact: false });
    expect(chooseVersion('6.25.0', [])).toBeUndefined();
  });
});

describe('infra:validate: the offline copy of a stack', () => {
  const stack = {
    terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '6.25.0' } }, backend: { local: { path: '../../../terraform.x.tfstate' } }, required_version: '>= 1.10, < 2.0' },
    resource: { aws_sqs_queue: { a: {}, b: {} }, aws_sns_topic: { t: {} } },
  };

  it('changes only the provider: the mirror\'s version, fully qualified under the mirror\'s host', () => {
    // act
    const copy = rewriteForMirror(stack, 'registry.terraform.io', '5.100.0');

    // assert
    expect(copy).toEqual({ ...stack, terraform: { ...stack.terraform, required_providers: { aws: { source: 'registry.terraform.io/hashicorp/aws', version: '5.100.0' } } } });
    expect(stack.terraform.required_providers.aws.version).toBe('6.25.0');
    expect(pinnedAwsVersion(stack)).toBe('6.25.0');
    expect(() => pinnedAwsVersion({ terraform: { required_providers: { aws: { version: '~> 6.0' } } } })).toThrow('does not pin an exact hashicorp/aws version');
    expect(resourceCount(stack)).toBe(3);
  });

  it('asks AWS nothing and installs from the mirror only', () => {
    expect(OFFLINE_PROVIDER_OVERRIDE.provider.aws).toMatchObject({ skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: true });
    expect(localBackendOverride('/tmp/s/offline.tfstate')).toEqual({ terraform: { backend: { local: { path: '/tmp/s/offline.tfstate' } } } });
    expect(cliConfig('/srv/mirror', 'registry.terraform.io')).toBe('provider_installation {\n  filesystem_mirror {\n    path    = "/srv/mirror"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n');
  });
});

describe("infra:validate: reading Terraform's answers", () => {
  it('fails validate on an invalid configuration and counts warnings', () => {
    expect(parseValidate('{"valid":true,"error_count":0,"warning_count":0,"diagnostics":[]}')).toEqual({ valid: true, diagnostics: [] });
    expect(parseValidate('{"valid":true,"warning_count":1,"diagnostics":[{"severity":"warning","summary":"Argument is deprecated","detail":"use x"}]}').diagnostics).toEqual([{ severity: 'warning', summary: 'Argument is deprecated', detail: 'use x' }]);
    expect(parseValidate('not json')).toMatchObject({ valid: false, diagnostics: [{ severity: 'error' }] });
  });

  it('reads the change summary and every diagnostic of plan -json', () => {
    // prepare
    const lines = [
      '{"@level":"info","type":"version","terraform":"1.11.4"}',
      '{"@level":"warn","type":"diagnostic","diagnostic":{"severity":"warning","summary":"Deprecated attribute"}}',
      '{"@level":"info","type":"change_summary","changes":{"add":41,"change":0,"import":0,"remove":0,"operation":"plan"}}',
    ].join('\n');

    // act / assert
    expect(parsePlanLines(lines)).toEqual({ diagnostics: [{ severity: 'warning', summary: 'Deprecated attribute' }], changes: { add: 41, change: 0, remove: 0 } });
  });

  it("reads init's warnings and errors, except the scratch lock file's (it is thrown away)", () => {
    const output = ['│ Warning: Incomplete lock file information for providers', '│ Warning: Version constraints inside provider configuration blocks are deprecated', 'Error: Failed to query available provider packages'].join('\n');
    expect(parseInitOutput(output).diagnostics).toEqual([
      { severity: 'warning', summary: 'Version constraints inside provider configuration blocks are deprecated' },
      { severity: 'error', summary: 'Failed to query available provider packages' },
    ]);
  });
});
