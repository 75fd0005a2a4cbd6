/** Synthesizes stacks against fixture Lambda bundles and reads the Terraform JSON back as data. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { buildApp } from '../../src/app';
import { type ConfigInput, DEFAULT_CONFIG, type InfraConfig, resolveConfig } from '../../src/config';
import { LAMBDA_BUNDLES, type PatternId } from '../../src/constants';

export const ACCOUNT = '123456789012';

export type Props = Record<string, unknown>;
export interface TerraformJson {
  resource: Record<string, Record<string, Props>>;
  output?: Record<string, { value: unknown }>;
  provider?: Record<string, Props[]>;
  terraform?: Props;
}

/** A temporary folder holding a tiny `index.js` per Lambda, as `dist/apps` would. */
export function fixtureBundleRoot(): { root: string; cleanup: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'infra-bundles-'));
  for (const name of LAMBDA_BUNDLES) {
    mkdirSync(path.join(root, name));
    writeFileSync(path.join(root, name, 'index.js'), `exports.handler = async () => ({ fixture: '${name}' });\n`);
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** A configuration as loadConfig would resolve it (defaults, derived values, cross-field checks) from these fields. */
export function testConfig(config: Partial<InfraConfig> & { bundleRoot: string }): InfraConfig {
  return resolveConfig(config as ConfigInput, 'test');
}

/** One stack's Terraform JSON (string for cdktf's matchers, parsed for direct assertions). */
export function synthPattern(pattern: PatternId, config: Partial<InfraConfig> & { bundleRoot: string }): { text: string; json: TerraformJson } {
  const outdir = mkdtempSync(path.join(tmpdir(), 'infra-synth-'));
  try {
    const built = buildApp({ config: testConfig(config), outdir, patterns: [pattern] });
    const stack = { 'map-in-parallel': built.mapInParallel, 'map-eventbridge-callback': built.mapEventBridgeCallback, 'distributed-map': built.distributedMap }[pattern];
    if (stack === undefined) throw new Error(`stack ${pattern} not built`);
    const text = Testing.synth(stack);
    return { text, json: JSON.parse(text) as TerraformJson };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export function resourcesOf(json: TerraformJson, type: string): [string, Props][] {
  return Object.entries(json.resource[type] ?? {});
}

/** The only resource of `type` (fails the test when there are none or several). */
export function onlyResource(json: TerraformJson, type: string): [string, Props] {
  const all = resourcesOf(json, type);
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0] as [string, Props];
}

export function resourceByName(json: TerraformJson, type: string, nameField: string, name: string): [string, Props] {
  const found = resourcesOf(json, type).find(([, props]) => props[nameField] === name);
  if (found === undefined) throw new Error(`no ${type} with ${nameField} "${name}"`);
  return found;
}

const REF = /\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}/g;
/** The one Terraform function expression the stacks use: the account id read from a resource's ARN (naming.ts accountIdOf). */
const ACCOUNT_OF_ARN = /\$\{element\(split\(":", ([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.arn\), 4\)\}/g;

/** Every Terraform reference `${type.name.attr}` in a string. */
export function referencesIn(text: string): { type: string; name: string; attr: string }[] {
  return [...text.matchAll(REF)].map((m) => ({ type: m[1] ?? '', name: m[2] ?? '', attr: m[3] ?? '' }));
}

/**
 * Replaces Terraform references with the values AWS would give them (fake account, the
 * configured region). Throws when a reference names a resource that is not in the stack, or
 * an attribute the resolver does not know — which is what the "references point at resources
 * in the stack" tests rely on.
 */
export function resolveReferences(text: string, json: TerraformJson, region = DEFAULT_CONFIG.region): string {
  return text
    .replace(ACCOUNT_OF_ARN, (_all, type: string, name: string) => attributeOf(json, type, name, 'arn', region).split(':')[4] ?? '')
    .replace(REF, (_all, type: string, name: string, attr: string) => attributeOf(json, type, name, attr, region));
}

function attributeOf(json: TerraformJson, type: string, name: string, attr: string, region: string): string {
  const props = json.resource[type]?.[name];
  if (props === undefined) throw new Error(`reference to ${type}.${name}, which is not in the stack`);
  const field = (key: string): string => resolveReferences(String(props[key]), json, region);
  const arn = (service: string, resource: string) => `arn:aws:${service}:${region}:${ACCOUNT}:${resource}`;
  const known: Record<string, Record<string, () => string>> = {
    aws_lambda_function: { arn: () => arn('lambda', `function:${field('function_name')}`), function_name: () => field('function_name') },
    aws_cloudwatch_log_group: { arn: () => arn('logs', `log-group:${field('name')}`), name: () => field('name') },
    aws_iam_role: { arn: () => `arn:aws:iam::${ACCOUNT}:role/${field('name')}`, id: () => field('name'), name: () => field('name') },
    aws_sfn_state_machine: { arn: () => arn('states', `stateMachine:${field('name')}`), name: () => field('name') },
    aws_cloudwatch_event_bus: { arn: () => arn('events', `event-bus/${field('name')}`), name: () => field('name') },
    aws_cloudwatch_event_rule: { arn: () => arn('events', `rule/${field('event_bus_name')}/${field('name')}`), name: () => field('name') },
    aws_sqs_queue: { arn: () => arn('sqs', field('name')), url: () => `https://sqs.${region}.amazonaws.com/${ACCOUNT}/${field('name')}`, name: () => field('name') },
    aws_sns_topic: { arn: () => arn('sns', field('name')) },
    aws_cloudwatch_metric_alarm: { arn: () => arn('cloudwatch', `alarm:${field('alarm_name')}`) },
    aws_s3_bucket: { arn: () => `arn:aws:s3:::${field('bucket')}`, bucket: () => field('bucket'), id: () => field('bucket') },
  };
  const resolve = known[type]?.[attr];
  if (resolve === undefined) throw new Error(`reference to ${type}.${name}.${attr}: attribute not known to the test resolver`);
  return resolve();
}
