import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { ALARM_EVALUATION, type AlarmRule } from '../monitoring';
import { confusedDeputyCondition, denyInsecureTransport, policyDocument } from '../iam';
import { accountIdOf } from '../naming';

export interface AlarmTopicProps {
  /** `<namePrefix>-<pattern>`: the topic is `<baseName>-alarms`, every alarm `<baseName>-<rule name>`. */
  readonly baseName: string;
  readonly partition: string;
  readonly region: string;
  /** An email address to subscribe (SNS sends it a confirmation first). */
  readonly email?: string;
}

/**
 * The SNS topic every alarm of a stack notifies (in ALARM and back to OK), and the alarms.
 * Only CloudWatch may publish, and only for this stack's alarms in this account; no request
 * without TLS. Unencrypted on purpose: CloudWatch cannot publish to a topic encrypted with the
 * AWS-managed SNS key, and an alarm notification carries no case data (README "Observability").
 */
export class AlarmTopic extends Construct {
  readonly topic: SnsTopic;
  /** The stack's account id, read from the topic's ARN (a Terraform expression, see naming.ts). */
  readonly accountId: string;
  readonly alarms: CloudwatchMetricAlarm[] = [];
  private readonly baseName: string;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    this.baseName = props.baseName;
    this.topic = new SnsTopic(this, 'topic', { name: `${props.baseName}-alarms` });
    this.accountId = accountIdOf(this.topic.arn);
    const account = this.accountId;
    new SnsTopicPolicy(this, 'policy', {
      arn: this.topic.arn,
      policy: policyDocument([
        {
          Sid: 'CloudWatchAlarmsOfThisStack',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['sns:Publish'],
          Resource: [this.topic.arn],
          Condition: confusedDeputyCondition([`arn:${props.partition}:cloudwatch:${props.region}:${account}:alarm:${props.baseName}-*`], account),
        },
        denyInsecureTransport(['sns:Publish'], this.topic.arn),
      ]),
    });
    if (props.email !== undefined) new SnsTopicSubscription(this, 'email', { topicArn: this.topic.arn, protocol: 'email', endpoint: props.email });
  }

  /** One alarm per rule, notifying this topic when it fires and when it recovers. */
  add(rules: readonly AlarmRule[]): void {
    for (const rule of rules) {
      this.alarms.push(
        new CloudwatchMetricAlarm(this, rule.name, {
          alarmName: `${this.baseName}-${rule.name}`,
          alarmDescription: rule.description,
          namespace: rule.namespace,
          metricName: rule.metricName,
          dimensions: rule.dimensions,
          statistic: rule.statistic,
          period: rule.periodSeconds ?? ALARM_EVALUATION.periodSeconds,
          evaluationPeriods: ALARM_EVALUATION.evaluationPeriods,
          threshold: rule.threshold ?? 0,
          comparisonOperator: 'GreaterThanThreshold',
          // No data means nothing happened: these metrics are only sent when non-zero, or when something ran.
          treatMissingData: 'notBreaching',
          alarmActions: [this.topic.arn],
          okActions: [this.topic.arn],
        }),
      );
    }
  }
}
