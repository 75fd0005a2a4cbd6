/**
 * `nx run infra:deploy|destroy|diff`: checks the prerequisites, then runs the cdktf CLI for one
 * or every stack. Deploy writes the stacks' outputs to infra/outputs/deploy-outputs.json.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { Command, Option } from 'commander';
import { DEPLOY_OUTPUTS_FILE, PATTERN_IDS, type PatternId } from '../src/constants';
import { checkPrerequisites, type PrerequisiteProbe } from './prerequisites';

const INFRA_ROOT = path.resolve(__dirname, '..');

export const nodeProbe: PrerequisiteProbe = {
  env: process.env,
  homeDir: homedir(),
  platform: process.platform,
  isExecutable(file) {
    try {
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  },
  isFile(file) {
    try {
      return statSync(file).isFile();
    } catch {
      return false;
    }
  },
  readFile: (file) => readFileSync(file, 'utf8'),
};

/** The cdktf CLI invocations for a command over the chosen stacks (cdktf diff takes one stack at a time). */
export function cdktfInvocations(command: 'deploy' | 'destroy' | 'diff', stacks: readonly PatternId[]): string[][] {
  switch (command) {
    case 'deploy':
      return [['deploy', ...stacks, '--auto-approve', '--outputs-file', DEPLOY_OUTPUTS_FILE]];
    case 'destroy':
      return [['destroy', ...stacks, '--auto-approve']];
    case 'diff':
      return stacks.map((stack) => ['diff', stack]);
  }
}

const COMMANDS = ['deploy', 'destroy', 'diff'] as const;
function isCommand(value: string): value is (typeof COMMANDS)[number] {
  return (COMMANDS as readonly string[]).includes(value);
}

function main(argv: string[]): number {
  const program = new Command('cdktf-run')
    .addOption(new Option('--stack <ids...>', 'stacks to act on (default: all)').choices([...PATTERN_IDS]))
    .argument('<command>', 'deploy | destroy | diff')
    .argument('[stacks...]', 'stacks to act on (default: all)')
    .allowExcessArguments(false)
    .showHelpAfterError();
  program.parse(argv);
  const [commandArg, positional = []] = program.processedArgs as [string, string[]];
  if (!isCommand(commandArg)) return program.error(`unknown command "${commandArg}": use deploy, destroy or diff`);
  const command = commandArg;
  const requested = [...positional, ...((program.opts()['stack'] as string[] | undefined) ?? [])];
  const unknown = requested.filter((s) => !(PATTERN_IDS as readonly string[]).includes(s));
  if (unknown.length > 0) program.error(`unknown stack ${unknown.join(', ')}: choose from ${PATTERN_IDS.join(', ')}`);
  const stacks = requested.length > 0 ? [...new Set(requested)] as PatternId[] : [...PATTERN_IDS];

  const report = checkPrerequisites(nodeProbe);
  if (report.missing.length > 0) {
    console.error(`Cannot ${command}: missing prerequisites\n${report.missing.map((m) => `  - ${m}`).join('\n')}`);
    return 1;
  }
  console.log(`terraform: ${report.terraformBinary}; AWS credentials: ${report.credentialsSource}`);
  mkdirSync(path.join(INFRA_ROOT, path.dirname(DEPLOY_OUTPUTS_FILE)), { recursive: true });
  for (const args of cdktfInvocations(command, stacks)) {
    const result = spawnSync('npx', ['cdktf', ...args], { cwd: INFRA_ROOT, stdio: 'inherit', env: { CHECKPOINT_DISABLE: '1', ...process.env } });
    if (result.status !== 0) return result.status ?? 1;
  }
  if (command === 'deploy') console.log(`Stack outputs written to ${path.join('infra', DEPLOY_OUTPUTS_FILE)}`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv));
