import { Config, type ResourceDeployer } from './deployer';

/**
 * Resources the stacks declare for operating them on AWS that the local cloud records but does
 * not run: SNS topics and subscriptions (nothing is sent), CloudWatch alarms (not evaluated) and
 * dashboards. They deploy so that the stacks deploy whole and references to them resolve;
 * `up` lists them as recorded.
 */
function recorded(type: string, attributes: string[], arnOf: (c: Config, region: string, account: string) => Record<string, unknown>): ResourceDeployer {
  return {
    type,
    attributes,
    deploy(config, ctx) {
      return arnOf(new Config(config, ctx), ctx.cloud.region, ctx.cloud.accountId);
    },
  };
}

export const RECORDED_DEPLOYERS = [
  recorded('aws_sns_topic', ['name', 'tags', 'kms_master_key_id', 'display_name', 'policy'], (c, r, a) => {
    const arn = `arn:aws:sns:${r}:${a}:${c.string('name')}`;
    return { arn, id: arn, name: c.string('name') };
  }),
  recorded('aws_sns_topic_policy', ['arn', 'policy'], (c) => ({ id: c.string('arn') })),
  recorded('aws_sns_topic_subscription', ['topic_arn', 'protocol', 'endpoint'], (c) => ({ id: `${c.string('topic_arn')}:${c.string('protocol')}`, arn: `${c.string('topic_arn')}:local` })),
  recorded(
    'aws_cloudwatch_metric_alarm',
    [
      'alarm_name', 'alarm_description', 'namespace', 'metric_name', 'dimensions', 'statistic', 'extended_statistic', 'period', 'evaluation_periods', 'datapoints_to_alarm',
      'threshold', 'comparison_operator', 'treat_missing_data', 'alarm_actions', 'ok_actions', 'insufficient_data_actions', 'actions_enabled', 'metric_query', 'unit', 'tags',
    ],
    (c, r, a) => ({ arn: `arn:aws:cloudwatch:${r}:${a}:alarm:${c.string('alarm_name')}`, id: c.string('alarm_name') }),
  ),
  recorded('aws_cloudwatch_dashboard', ['dashboard_name', 'dashboard_body'], (c, _r, a) => ({ dashboard_arn: `arn:aws:cloudwatch::${a}:dashboard/${c.string('dashboard_name')}`, id: c.string('dashboard_name') })),
];

/** Data sources answered from the local cloud's own identity. */
export const DATA_SOURCES: Readonly<Record<string, (region: string, account: string) => Record<string, unknown>>> = {
  aws_caller_identity: (_r, account) => ({ account_id: account, arn: `arn:aws:iam::${account}:root`, user_id: account, id: account }),
  aws_region: (region) => ({ name: region, id: region, region, endpoint: `states.${region}.amazonaws.com`, description: region }),
  aws_partition: () => ({ partition: 'aws', id: 'aws', dns_suffix: 'amazonaws.com' }),
};
