import { handleOperation } from '../../stepfunctions/api-operations';
import { Config, type ResourceDeployer } from './deployer';

const stateMachine: ResourceDeployer = {
  type: 'aws_sfn_state_machine',
  attributes: ['name', 'definition', 'role_arn', 'type', 'logging_configuration', 'tracing_configuration', 'tags', 'publish'],
  deploy(config, ctx) {
    const c = new Config(config, ctx);
    const logging = c.block('logging_configuration', ['include_execution_data', 'level', 'log_destination']);
    const tracing = c.block('tracing_configuration', ['enabled']);
    const input: Record<string, unknown> = {
      name: c.string('name'),
      definition: c.string('definition'),
      roleArn: c.string('role_arn'),
      type: c.optString('type') ?? 'STANDARD',
      tags: Object.entries(c.tags(ctx.defaultTags)).map(([key, value]) => ({ key, value })),
    };
    if (logging) {
      input['loggingConfiguration'] = {
        level: logging.optString('level') ?? 'OFF',
        includeExecutionData: logging.bool('include_execution_data') ?? false,
        ...(logging.has('log_destination') ? { destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: logging.string('log_destination') } }] } : {}),
      };
    }
    if (tracing) input['tracingConfiguration'] = { enabled: tracing.bool('enabled') ?? false };
    const out = handleOperation(ctx.cloud.stepFunctions, 'CreateStateMachine', input, ctx.caller, ctx.cloud.authorizer) as { stateMachineArn: string };
    return { arn: out.stateMachineArn, id: out.stateMachineArn, name: c.string('name'), status: 'ACTIVE' };
  },
};

export const STATES_DEPLOYERS = [stateMachine];
