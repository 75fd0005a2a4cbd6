import { ALLOW_ALL, type Authorizer } from './core/authorizer';
import { Clock } from './core/clock';
import { CredentialIssuer } from './core/credentials';
import type { StatesPort } from './core/ports';
import { EventBridgeService } from './eventbridge';
import { startGateway, type RunningGateway } from './gateway/gateway';
import { createIamAuthorizer, type AuthorizationMode, type IamAuthorizer } from './iam';
import { lambdaApi, LambdaService } from './lambda';
import { CloudWatchLogs, cloudWatchLogsService } from './logs';
import { createS3Service, S3Model } from './s3';
import { SqsModel, sqsServices } from './sqs';
import { stsService } from './sts';
import { StepFunctionsEngine } from './stepfunctions/engine/engine';
import type { EngineLimits } from './stepfunctions/limits';
import { stepFunctionsService } from './stepfunctions/server';
import { registerServiceIntegrations } from './stepfunctions/service-integrations';
import { startXRayDaemon, XRay, xrayService, type RunningXRayDaemon } from './xray';

export interface LocalCloudProps {
  /** Simulated seconds per real second of waiting (see Clock). Default 1. */
  readonly timeScale?: number;
  readonly region?: string;
  readonly accountId?: string;
  /** The one endpoint's port (0, the default, picks a free one) and interface (loopback). */
  readonly port?: number;
  readonly host?: string;
  /** Enforce the deployed stacks' IAM ('enforce', the default), only log what it would refuse ('audit'), or not evaluate ('off'). */
  readonly iam?: AuthorizationMode;
  readonly stepFunctionsLimits?: Partial<EngineLimits>;
  /** Lambda's account concurrency (default 1,000). */
  readonly lambdaConcurrency?: number;
  /** At-least-once delivery, made visible: share of EventBridge deliveries and of asynchronous Lambda events run twice. */
  readonly duplicateEventFraction?: number;
  readonly duplicateAsyncFraction?: number;
  /** Mirror every log stream to files under this folder. */
  readonly logsDir?: string;
  /** Seeds EventBridge's retry jitter and duplicate choice. */
  readonly seed?: number;
}

/**
 * Every local service on one clock, one credential issuer, one IAM evaluator and one loopback
 * endpoint: Step Functions, Lambda, EventBridge, SQS, S3, CloudWatch Logs, X-Ray and STS, wired
 * to one another through their ports, as the deployed stacks need them.
 */
export class LocalCloud {
  readonly clock: Clock;
  readonly region: string;
  readonly accountId: string;
  readonly credentials = new CredentialIssuer();
  readonly authorizer: Authorizer;
  readonly stepFunctions: StepFunctionsEngine;
  readonly lambda: LambdaService;
  readonly events: EventBridgeService;
  readonly sqs: SqsModel;
  readonly s3: S3Model;
  readonly logs: CloudWatchLogs;
  readonly xray: XRay;
  private gateway: RunningGateway | undefined;
  private daemon: RunningXRayDaemon | undefined;

  private constructor(
    props: LocalCloudProps,
    clock: Clock,
    readonly iam: IamAuthorizer | undefined,
  ) {
    this.clock = clock;
    this.region = props.region ?? 'us-east-1';
    this.accountId = props.accountId ?? '123456789012';
    const common = { clock: this.clock, region: this.region, accountId: this.accountId };
    this.authorizer = iam ?? ALLOW_ALL;
    const authorizer = this.authorizer;
    this.logs = new CloudWatchLogs({ ...common, authorizer, ...(props.logsDir === undefined ? {} : { mirrorDir: props.logsDir }) });
    this.xray = new XRay({ clock: this.clock, authorizer });
    this.sqs = new SqsModel({ ...common, authorizer, endpoint: () => this.url });
    this.s3 = new S3Model({ ...common, authorizer });
    this.lambda = new LambdaService({
      ...common,
      authorizer,
      credentials: this.credentials,
      endpointUrl: () => this.gateway?.url,
      xrayDaemonAddress: () => this.daemon?.address,
      logs: this.logs,
      xray: this.xray,
      sqs: () => this.sqs.port(),
      s3Code: async (bucket, key) => (await this.s3.getObject(bucket, key, { kind: 'service', service: 'lambda.amazonaws.com', sourceArn: `arn:aws:s3:::${bucket}`, sourceAccount: this.accountId })).body,
      ...(props.lambdaConcurrency === undefined ? {} : { limits: { accountConcurrency: props.lambdaConcurrency } }),
      ...(props.duplicateAsyncFraction === undefined ? {} : { duplicateAsyncFraction: props.duplicateAsyncFraction }),
    });
    this.stepFunctions = new StepFunctionsEngine({ ...common, s3: this.s3, logs: this.logs, authorizer, ...(props.stepFunctionsLimits ? { limits: props.stepFunctionsLimits } : {}) });
    const states: StatesPort = {
      startExecution: async (r) => {
        authorizer.authorize({ caller: r.caller, action: 'states:StartExecution', resource: r.stateMachineArn });
        const e = this.stepFunctions.startExecution({ stateMachineArn: r.stateMachineArn, input: r.input, ...(r.name === undefined ? {} : { name: r.name }) });
        return { executionArn: e.executionArn, startDate: e.startDate };
      },
    };
    this.events = new EventBridgeService({
      ...common,
      authorizer,
      lambda: this.lambda,
      sqs: this.sqs.port(),
      states,
      ...(props.duplicateEventFraction === undefined ? {} : { duplicateFraction: props.duplicateEventFraction }),
      ...(props.seed === undefined ? {} : { seed: props.seed }),
    });
    registerServiceIntegrations(this.stepFunctions.integrations, { lambda: this.lambda, events: this.events, sqs: this.sqs.port() });
  }

  /** Starts every service and the endpoint. */
  static async start(props: LocalCloudProps = {}): Promise<LocalCloud> {
    const mode = props.iam ?? 'enforce';
    const clock = new Clock({ timeScale: props.timeScale ?? 1 });
    const iam = mode === 'off' ? undefined : await createIamAuthorizer({ clock, region: props.region ?? 'us-east-1', accountId: props.accountId ?? '123456789012', mode });
    const cloud = new LocalCloud(props, clock, iam);
    await cloud.listen(props);
    return cloud;
  }

  private async listen(props: LocalCloudProps): Promise<void> {
    this.daemon = await startXRayDaemon({ xray: this.xray });
    try {
      this.gateway = await this.startEndpoint(props);
    } catch (err) {
      await this.daemon.close();
      this.daemon = undefined;
      throw err;
    }
  }

  private startEndpoint(props: LocalCloudProps): Promise<RunningGateway> {
    return startGateway({
      services: [
        stepFunctionsService(this.stepFunctions, this.authorizer),
        this.events,
        ...sqsServices(this.sqs),
        cloudWatchLogsService(this.logs),
        lambdaApi(this.lambda),
        stsService({ accountId: this.accountId }),
        xrayService(this.xray),
        createS3Service({ model: this.s3 }),
      ],
      identify: (key) => this.credentials.identify(key),
      ...(props.port === undefined ? {} : { port: props.port }),
      ...(props.host === undefined ? {} : { host: props.host }),
    });
  }

  /** The one endpoint: `AWS_ENDPOINT_URL`, the SDK's `endpoint`, the CLI's `--endpoint-url`. */
  get url(): string {
    if (!this.gateway) throw new Error('The local cloud is not listening');
    return this.gateway.url;
  }

  get xrayDaemonAddress(): string | undefined {
    return this.daemon?.address;
  }

  /** Stops executions, deliveries, environments, long polls and timers, then the endpoint. */
  async stop(): Promise<void> {
    this.stepFunctions.stop();
    this.events.stop();
    this.lambda.stop();
    this.sqs.close();
    this.s3.close();
    await this.gateway?.close();
    await this.daemon?.close();
    this.gateway = undefined;
    this.daemon = undefined;
  }
}
