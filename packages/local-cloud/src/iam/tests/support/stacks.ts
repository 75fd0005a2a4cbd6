/**
 * The patterns' stacks as `cdktf synth` writes them (cdk.tf.json, synthesized in-process from
 * @fanout/infra against fixture bundles), with the Terraform expressions IAM needs resolved to
 * the values AWS would give, standing in for the loader. Also the resource policies the services
 * would hold for them: the function policy Lambda builds from aws_lambda_permission, the queue
 * and bus policies.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildApp, DEFAULT_CONFIG, LAMBDA_BUNDLES, resolveConfig, type PatternId } from '@fanout/infra';
import type { PolicyDocument } from '../../../core/authorizer';
import type { TerraformResources } from '../../terraform-iam';
import { ACCOUNT, REGION, arn, fnArn, roleArn } from './names';

export const P = `${DEFAULT_CONFIG.namePrefix}-map-in-parallel`;
export const C = `${DEFAULT_CONFIG.namePrefix}-map-eventbridge-callback`;

type Attributes = Readonly<Record<string, unknown>>;

const IAM_TYPES = ['aws_iam_policy', 'aws_iam_role', 'aws_iam_role_policy', 'aws_iam_role_policy_attachment'];

/** One synthesized stack, read through the resolver. */
export class Stack {
  constructor(readonly raw: TerraformResources) {}

  /** The IAM resources, every expression resolved: what the loader hands to registerTerraformIam. */
  iamResources(): TerraformResources {
    return Object.fromEntries(IAM_TYPES.map((type) => [type, this.resolveDeep(this.raw[type] ?? {}) as TerraformResources[string]]));
  }

  machineRoleArn(machineName: string): string {
    return this.resolve(String(this.only('aws_sfn_state_machine', (p) => p['name'] === machineName)['role_arn']));
  }

  functionRoleArn(functionName: string): string {
    return this.resolve(String(this.only('aws_lambda_function', (p) => p['function_name'] === functionName)['role']));
  }

  /** The function policy Lambda holds after AddPermission for every aws_lambda_permission on `functionName`. */
  functionPolicy(functionName: string): PolicyDocument | undefined {
    const statements = Object.values(this.raw['aws_lambda_permission'] ?? {})
      .map((p) => this.resolveDeep(p) as Attributes)
      .filter((p) => p['function_name'] === functionName)
      .map((p) => ({
        Sid: p['statement_id'],
        Effect: 'Allow',
        Principal: { Service: p['principal'] },
        Action: p['action'],
        Resource: fnArn(functionName),
        Condition: {
          ...(p['source_arn'] === undefined ? {} : { ArnLike: { 'AWS:SourceArn': p['source_arn'] } }),
          ...(p['source_account'] === undefined ? {} : { StringEquals: { 'AWS:SourceAccount': p['source_account'] } }),
        },
      }));
    return statements.length === 0 ? undefined : { Version: '2012-10-17', Statement: statements };
  }

  queuePolicy(queueName: string): PolicyDocument {
    const url = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${queueName}`;
    return JSON.parse(this.resolve(String(this.only('aws_sqs_queue_policy', (p) => this.resolve(String(p['queue_url'])) === url)['policy']))) as PolicyDocument;
  }

  busPolicy(busName: string): PolicyDocument {
    return JSON.parse(this.resolve(String(this.only('aws_cloudwatch_event_bus_policy', (p) => this.resolve(String(p['event_bus_name'])) === busName)['policy']))) as PolicyDocument;
  }

  private only(type: string, match: (props: Attributes) => boolean): Attributes {
    const found = Object.values(this.raw[type] ?? {}).filter(match);
    if (found.length !== 1) throw new Error(`expected one matching ${type}, found ${found.length}`);
    return found[0] as Attributes;
  }

  private resolveDeep(value: unknown): unknown {
    if (typeof value === 'string') return this.resolve(value);
    if (Array.isArray(value)) return value.map((v) => this.resolveDeep(v));
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.resolveDeep(v)]));
    return value;
  }

  /** `${type.id.attr}` and `${element(split("sep", type.id.attr), n)}`, the two forms the stacks use. */
  private resolve(text: string): string {
    return text.replace(/\$\{((?:[^{}]|\{[^{}]*\})*)\}/g, (_all, expression: string) => {
      const ref = /^([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)$/.exec(expression);
      if (ref !== null) return this.attribute(ref[1] as string, ref[2] as string, ref[3] as string);
      // Inside a policy document the quotes are JSON-escaped.
      const split = /^element\(split\(\\?"(.*?)\\?", ([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\), (\d+)\)$/.exec(expression);
      if (split !== null) return this.attribute(split[2] as string, split[3] as string, split[4] as string).split(split[1] as string)[Number(split[5])] ?? '';
      throw new Error(`Terraform expression \${${expression}} not known to this resolver`);
    });
  }

  private attribute(type: string, id: string, attr: string): string {
    const props = this.raw[type]?.[id];
    if (props === undefined) throw new Error(`reference to ${type}.${id}, which is not in the stack`);
    const field = (key: string): string => this.resolve(String(props[key]));
    const known: Record<string, Record<string, () => string>> = {
      aws_lambda_function: { arn: () => fnArn(field('function_name')), function_name: () => field('function_name') },
      aws_cloudwatch_log_group: { arn: () => arn('logs', `log-group:${field('name')}`), name: () => field('name') },
      aws_iam_role: { arn: () => roleArn(field('name')), id: () => field('name'), name: () => field('name') },
      aws_sfn_state_machine: { arn: () => arn('states', `stateMachine:${field('name')}`), name: () => field('name') },
      aws_cloudwatch_event_bus: { arn: () => arn('events', `event-bus/${field('name')}`), name: () => field('name') },
      aws_cloudwatch_event_rule: { arn: () => arn('events', `rule/${field('event_bus_name')}/${field('name')}`), name: () => field('name') },
      aws_sqs_queue: { arn: () => arn('sqs', field('name')), url: () => `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${field('name')}` },
      aws_sns_topic: { arn: () => arn('sns', field('name')) },
      aws_s3_bucket: { arn: () => `arn:aws:s3:::${field('bucket')}`, bucket: () => field('bucket'), id: () => field('bucket') },
    };
    const resolve = known[type]?.[attr];
    if (resolve === undefined) throw new Error(`reference to ${type}.${id}.${attr}: not known to this resolver`);
    return resolve();
  }
}

/** Every pattern's stack, from one synthesis. */
export function synthesizedStacks(): Record<PatternId, Stack> {
  if (DEFAULT_CONFIG.region !== REGION) throw new Error(`the stacks deploy to ${DEFAULT_CONFIG.region}, the tests expect ${REGION}`);
  const root = mkdtempSync(path.join(tmpdir(), 'iam-stacks-'));
  try {
    for (const name of LAMBDA_BUNDLES) {
      mkdirSync(path.join(root, 'bundles', name), { recursive: true });
      writeFileSync(path.join(root, 'bundles', name, 'index.js'), 'exports.handler = async () => ({});\n');
    }
    const outdir = path.join(root, 'cdktf.out');
    buildApp({ config: resolveConfig({ bundleRoot: path.join(root, 'bundles') }, 'the IAM tests'), outdir }).app.synth();
    const read = (pattern: PatternId) => new Stack((JSON.parse(readFileSync(path.join(outdir, 'stacks', pattern, 'cdk.tf.json'), 'utf8')) as { resource: TerraformResources }).resource);
    return { 'map-in-parallel': read('map-in-parallel'), 'map-eventbridge-callback': read('map-eventbridge-callback'), 'distributed-map': read('distributed-map') };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
