import * as path from 'node:path';
import { type PrerequisiteProbe, checkPrerequisites } from '../scripts/prerequisites';
import { cdktfInvocations } from '../scripts/cdktf-run';

function probe(options: { env?: NodeJS.ProcessEnv; executables?: string[]; files?: Record<string, string> }): PrerequisiteProbe {
  const executables = new Set(options.executables ?? []);
  const files = options.files ?? {};
  return {
    env: options.env ?? {},
    homeDir: '/home/u',
    isExecutable: (file) => executables.has(file),
    isFile: (file) => file in files,
    readFile: (file) => files[file] ?? '',
  };
}

describe('checkPrerequisites', () => {
  it('names both the missing Terraform binary and the missing credentials', () => {
    // Act
    const report = checkPrerequisites(probe({ env: { PATH: '/usr/bin:/bin' } }));

    // Assert
    expect(report.missing).toHaveLength(2);
    expect(report.missing[0]).toMatch(/^Terraform binary: no `terraform` or `tofu` on PATH/);
    expect(report.missing[1]).toMatch(/^AWS credentials: none found/);
  });

  it('accepts terraform or tofu found on PATH with credentials from the environment', () => {
    // Act
    const report = checkPrerequisites(
      probe({ env: { PATH: ['/opt/bin', '/usr/local/bin'].join(path.delimiter), AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 's' }, executables: ['/usr/local/bin/tofu'] }),
    );

    // Assert
    expect(report.missing).toEqual([]);
    expect(report.terraformBinary).toBe('/usr/local/bin/tofu');
    expect(report.credentialsSource).toContain('AWS_ACCESS_KEY_ID');
  });

  it('looks only for TERRAFORM_BINARY_NAME when it is set', () => {
    // Act
    const report = checkPrerequisites(probe({ env: { PATH: '/usr/bin', TERRAFORM_BINARY_NAME: 'tofu', AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }, executables: ['/usr/bin/terraform'] }));

    // Assert
    expect(report.missing).toEqual([expect.stringContaining('"tofu" (TERRAFORM_BINARY_NAME)')]);
  });

  it('finds a named profile in the config file but not a profile that is absent', () => {
    // Arrange
    const files = { '/home/u/.aws/config': '[default]\nregion=eu-west-1\n[profile bench]\nsso_session=x\n' };
    const base = { PATH: '/usr/bin' };

    // Act
    const withProfile = checkPrerequisites(probe({ env: { ...base, AWS_PROFILE: 'bench' }, executables: ['/usr/bin/terraform'], files }));
    const missingProfile = checkPrerequisites(probe({ env: { ...base, AWS_PROFILE: 'other' }, executables: ['/usr/bin/terraform'], files }));

    // Assert
    expect(withProfile.credentialsSource).toBe('profile "bench" in /home/u/.aws/config');
    expect(missingProfile.missing).toEqual([expect.stringMatching(/^AWS credentials/)]);
  });

  it('finds the default profile in the shared credentials file', () => {
    // Act
    const report = checkPrerequisites(probe({ env: { PATH: '/usr/bin' }, executables: ['/usr/bin/terraform'], files: { '/home/u/.aws/credentials': '[default]\naws_access_key_id=x\n' } }));

    // Assert
    expect(report.missing).toEqual([]);
    expect(report.credentialsSource).toBe('profile "default" in /home/u/.aws/credentials');
  });
});

describe('cdktfInvocations', () => {
  it('deploys the chosen stacks in one call and writes the outputs file', () => {
    expect(cdktfInvocations('deploy', ['map-in-parallel', 'map-eventbridge-callback'])).toEqual([
      ['deploy', 'map-in-parallel', 'map-eventbridge-callback', '--auto-approve', '--outputs-file', 'outputs/deploy-outputs.json'],
    ]);
  });

  it('diffs one stack per call, as cdktf diff takes a single stack', () => {
    expect(cdktfInvocations('diff', ['map-in-parallel', 'map-eventbridge-callback'])).toEqual([
      ['diff', 'map-in-parallel'],
      ['diff', 'map-eventbridge-callback'],
    ]);
  });
});
