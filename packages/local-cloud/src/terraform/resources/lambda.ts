import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { StackLoadError } from '../errors';
import { Config, type ResourceDeployer } from './deployer';

const fn: ResourceDeployer = {
  type: 'aws_lambda_function',
  attributes: [
    'function_name', 'filename', 's3_bucket', 's3_key', 'source_code_hash', 'handler', 'runtime', 'role', 'memory_size', 'timeout', 'architectures',
    'environment', 'tracing_config', 'logging_config', 'dead_letter_config', 'reserved_concurrent_executions', 'description', 'tags', 'publish',
  ],
  inertAttributes: ['kms_key_arn', 'ephemeral_storage', 'timeouts', 'skip_destroy'],
  async deploy(config, ctx) {
    const c = new Config(config, ctx);
    const name = c.string('function_name');
    let code: Record<string, unknown>;
    if (c.has('filename')) {
      const file = c.string('filename');
      const path = isAbsolute(file) ? file : join(ctx.stack.dir, file);
      try {
        code = { ZipFile: readFileSync(path) };
      } catch (err) {
        throw new StackLoadError(ctx.stack.name, `resource ${ctx.resource.address}, attribute 'filename'`, `cannot read the code asset ${path} (${(err as Error).message}); run 'npx nx run infra:synth'`);
      }
    } else code = { S3Bucket: c.string('s3_bucket'), S3Key: c.string('s3_key') };
    const env = c.block('environment', ['variables']);
    const tracing = c.block('tracing_config', ['mode']);
    const logging = c.block('logging_config', ['log_format', 'log_group', 'application_log_level', 'system_log_level']);
    const dlq = c.block('dead_letter_config', ['target_arn']);
    const input: Record<string, unknown> = {
      FunctionName: name,
      Runtime: c.string('runtime'),
      Role: c.string('role'),
      Handler: c.string('handler'),
      Code: code,
      Description: c.optString('description') ?? '',
      Tags: c.tags(ctx.defaultTags),
      Architectures: c.stringList('architectures').length > 0 ? c.stringList('architectures') : ['x86_64'],
    };
    if (c.has('memory_size')) input['MemorySize'] = c.number('memory_size');
    if (c.has('timeout')) input['Timeout'] = c.number('timeout');
    if (env) input['Environment'] = { Variables: env.stringMap('variables') };
    if (tracing) input['TracingConfig'] = { Mode: tracing.string('mode') };
    if (logging) {
      input['LoggingConfig'] = {
        LogFormat: logging.optString('log_format') ?? 'Text',
        ...(logging.has('log_group') ? { LogGroup: logging.string('log_group') } : {}),
        ...(logging.has('application_log_level') ? { ApplicationLogLevel: logging.string('application_log_level') } : {}),
        ...(logging.has('system_log_level') ? { SystemLogLevel: logging.string('system_log_level') } : {}),
      };
    }
    if (dlq) input['DeadLetterConfig'] = { TargetArn: dlq.string('target_arn') };
    const deployed = await ctx.cloud.lambda.createFunction(input, ctx.caller);
    const reserved = c.number('reserved_concurrent_executions');
    // -1 is Terraform's "no reservation".
    if (reserved !== undefined && reserved >= 0) ctx.cloud.lambda.putConcurrency(name, reserved, ctx.caller);
    return {
      arn: deployed.arn,
      id: name,
      function_name: name,
      qualified_arn: `${deployed.arn}:$LATEST`,
      invoke_arn: `arn:aws:apigateway:${ctx.cloud.region}:lambda:path/2015-03-31/functions/${deployed.arn}/invocations`,
      version: '$LATEST',
      source_code_hash: deployed.code.sha256,
    };
  },
};

const invokeConfig: ResourceDeployer = {
  type: 'aws_lambda_function_event_invoke_config',
  attributes: ['function_name', 'qualifier', 'maximum_event_age_in_seconds', 'maximum_retry_attempts', 'destination_config'],
  deploy(config, ctx) {
    const c = new Config(config, ctx);
    const destinations = c.block('destination_config', ['on_failure', 'on_success']);
    const target = (which: 'on_failure' | 'on_success') => destinations?.block(which, ['destination'])?.string('destination');
    const onFailure = target('on_failure');
    const onSuccess = target('on_success');
    const input: Record<string, unknown> = {};
    if (c.has('maximum_event_age_in_seconds')) input['MaximumEventAgeInSeconds'] = c.number('maximum_event_age_in_seconds');
    if (c.has('maximum_retry_attempts')) input['MaximumRetryAttempts'] = c.number('maximum_retry_attempts');
    if (onFailure !== undefined || onSuccess !== undefined) {
      input['DestinationConfig'] = { ...(onFailure ? { OnFailure: { Destination: onFailure } } : {}), ...(onSuccess ? { OnSuccess: { Destination: onSuccess } } : {}) };
    }
    ctx.cloud.lambda.putEventInvokeConfig(c.string('function_name'), c.optString('qualifier'), input, ctx.caller, false);
    return { id: c.string('function_name') };
  },
};

const permission: ResourceDeployer = {
  type: 'aws_lambda_permission',
  attributes: ['function_name', 'statement_id', 'action', 'principal', 'source_arn', 'source_account', 'qualifier', 'principal_org_id', 'event_source_token'],
  deploy(config, ctx) {
    const c = new Config(config, ctx);
    const input: Record<string, unknown> = { StatementId: c.string('statement_id'), Action: c.string('action'), Principal: c.string('principal') };
    for (const [attr, member] of [['source_arn', 'SourceArn'], ['source_account', 'SourceAccount'], ['principal_org_id', 'PrincipalOrgID'], ['event_source_token', 'EventSourceToken']] as const) {
      if (c.has(attr)) input[member] = c.string(attr);
    }
    ctx.cloud.lambda.addPermission(c.string('function_name'), c.optString('qualifier'), input, ctx.caller);
    return { id: c.string('statement_id') };
  },
};

export const LAMBDA_DEPLOYERS = [fn, invokeConfig, permission];
