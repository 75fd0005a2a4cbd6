import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(__dirname, '..', 'src', 'cli.ts');

function bench(...args: string[]) {
  return spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), CLI, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' } });
}

describe('the bench command line', () => {
  it('exits 1 with one line naming the bad option, no stack', () => {
    const run = bench('--runs', '0');
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n').filter((l) => l.startsWith('bench:'))).toEqual(['bench: OptionError: --runs: expected a whole number from 1 to 100, got "0"']);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('exits 1 naming the missing outputs file for --target aws', () => {
    const run = bench('--target', 'aws', '--outputs', '/nonexistent/deploy-outputs.json');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('bench: TargetError: no outputs file at /nonexistent/deploy-outputs.json: deploy the stacks first');
  }, 60_000);
});
