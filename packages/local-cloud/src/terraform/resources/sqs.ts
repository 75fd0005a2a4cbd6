import { runOperation } from '../../sqs/api/operations';
import { StackLoadError } from '../errors';
import { Config, type ResourceDeployer } from './deployer';

/** Terraform attribute → SQS queue attribute. */
const QUEUE_ATTRIBUTES: Readonly<Record<string, string>> = {
  visibility_timeout_seconds: 'VisibilityTimeout',
  message_retention_seconds: 'MessageRetentionPeriod',
  max_message_size: 'MaximumMessageSize',
  delay_seconds: 'DelaySeconds',
  receive_wait_time_seconds: 'ReceiveMessageWaitTimeSeconds',
  redrive_policy: 'RedrivePolicy',
  redrive_allow_policy: 'RedriveAllowPolicy',
  policy: 'Policy',
  sqs_managed_sse_enabled: 'SqsManagedSseEnabled',
  kms_master_key_id: 'KmsMasterKeyId',
  kms_data_key_reuse_period_seconds: 'KmsDataKeyReusePeriodSeconds',
};

const queue: ResourceDeployer = {
  type: 'aws_sqs_queue',
  attributes: ['name', 'tags', 'fifo_queue', ...Object.keys(QUEUE_ATTRIBUTES)],
  async deploy(config, ctx) {
    const c = new Config(config, ctx);
    if (c.bool('fifo_queue')) throw new StackLoadError(ctx.stack.name, `resource ${ctx.resource.address}, attribute 'fifo_queue'`, 'FIFO queues are not run by the local SQS');
    const name = c.string('name');
    const attributes: Record<string, string> = {};
    for (const [attr, member] of Object.entries(QUEUE_ATTRIBUTES)) {
      const v = config[attr];
      if (v !== undefined && v !== null && v !== '') attributes[member] = String(v);
    }
    const out = (await runOperation(ctx.cloud.sqs, 'CreateQueue', { QueueName: name, Attributes: attributes, tags: c.tags(ctx.defaultTags) }, ctx.caller)) as { QueueUrl: string };
    const arn = `arn:aws:sqs:${ctx.cloud.region}:${ctx.cloud.accountId}:${name}`;
    return { arn, url: out.QueueUrl, id: out.QueueUrl, name };
  },
};

const queuePolicy: ResourceDeployer = {
  type: 'aws_sqs_queue_policy',
  attributes: ['queue_url', 'policy'],
  async deploy(config, ctx) {
    const c = new Config(config, ctx);
    await runOperation(ctx.cloud.sqs, 'SetQueueAttributes', { QueueUrl: c.string('queue_url'), Attributes: { Policy: c.string('policy') } }, ctx.caller);
    return { id: c.string('queue_url') };
  },
};

export const SQS_DEPLOYERS = [queue, queuePolicy];
