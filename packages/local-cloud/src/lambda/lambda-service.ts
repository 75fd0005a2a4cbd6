import { randomUUID } from 'node:crypto';
import { ALLOW_ALL, type Authorizer } from '../core/authorizer';
import type { Caller } from '../core/caller';
import type { Clock } from '../core/clock';
import { CredentialIssuer } from '../core/credentials';
import type { InvokeRequest, InvokeResponse, LambdaPort, LogsPort, SqsPort } from '../core/ports';
import { AsyncInvocations } from './async-invocations';
import { codeFromFolder, codeFromZip, type CodePackage } from './code-package';
import { ConcurrencyGovernor } from './concurrency';
import { LAMBDA_LIMITS, LATEST, SCALING_RATE } from './constants';
import { emptyMetrics, type DeployedFunction, type FunctionMetrics, type PermissionStatement } from './deployed-function';
import { eventInvokeConfigFrom } from './event-invoke-config';
import { addStatement, permissionStatement } from './permissions';
import { invalidParameter, lambdaError, notFound } from './errors';
import { checkFunctionName, checkQualifier, parseFunctionRef, parseSettings } from './function-config';
import { invokeFunction, type InvocationServices } from './invoke-function';
import type { XRay } from '../xray/xray';
import { CompiledPackage } from './sandbox/module-loader';
import { scaledTime } from './sandbox/scaled-time';

export interface LambdaServiceProps {
  readonly clock: Clock;
  readonly region?: string;
  readonly accountId?: string;
  readonly authorizer?: Authorizer;
  readonly credentials?: CredentialIssuer;
  /** The gateway's URL, given to every environment as AWS_ENDPOINT_URL (known once it listens). */
  readonly endpointUrl?: () => string | undefined;
  readonly xrayDaemonAddress?: () => string | undefined;
  readonly logs?: LogsPort;
  /** Records the function's own trace segments around the bundle's. */
  readonly xray?: XRay;
  /** For on-failure destinations and dead-letter queues. */
  readonly sqs?: () => SqsPort | undefined;
  /** Code named by `Code.S3Bucket`/`S3Key` (a real bucket of the local S3). */
  readonly s3Code?: (bucket: string, key: string) => Promise<Buffer>;
  readonly limits?: Partial<{ accountConcurrency: number; minimumUnreservedConcurrency: number; idleEnvironmentSeconds: number }>;
  /** Fraction of asynchronous events run twice (at-least-once delivery); default 0. */
  readonly duplicateAsyncFraction?: number;
  readonly random?: () => number;
}

/** `Code.S3Bucket` value that names a folder on this machine (S3Key) holding a built bundle. */
export const LOCAL_CODE_BUCKET = '__local__';

/**
 * Lambda: functions and their configuration, execution environments, concurrency, synchronous
 * and asynchronous invocation. The REST operations (api/) and the other services (LambdaPort)
 * both call this model.
 */
export class LambdaService implements LambdaPort {
  readonly region: string;
  readonly accountId: string;
  readonly governor: ConcurrencyGovernor;
  readonly credentials: CredentialIssuer;
  private readonly functions = new Map<string, DeployedFunction>();
  private readonly authorizer: Authorizer;
  private readonly services: InvocationServices;
  private readonly async: AsyncInvocations;

  constructor(private readonly props: LambdaServiceProps) {
    this.region = props.region ?? 'us-east-1';
    this.accountId = props.accountId ?? '123456789012';
    this.authorizer = props.authorizer ?? ALLOW_ALL;
    this.credentials = props.credentials ?? new CredentialIssuer();
    this.governor = new ConcurrencyGovernor({
      accountLimit: props.limits?.accountConcurrency ?? LAMBDA_LIMITS.accountConcurrency,
      minimumUnreserved: props.limits?.minimumUnreservedConcurrency ?? LAMBDA_LIMITS.minimumUnreservedConcurrency,
    });
    this.services = {
      clock: props.clock,
      time: scaledTime(props.clock),
      governor: this.governor,
      logs: props.logs,
      xray: props.xray,
      region: this.region,
      endpointUrl: props.endpointUrl ?? (() => undefined),
      xrayDaemonAddress: props.xrayDaemonAddress ?? (() => undefined),
      idleEnvironmentMs: (props.limits?.idleEnvironmentSeconds ?? LAMBDA_LIMITS.idleEnvironmentSeconds) * 1000,
      responseLimitBytes: LAMBDA_LIMITS.syncPayloadBytes,
    };
    this.async = new AsyncInvocations({
      clock: props.clock,
      invoke: (fn, payload, trace) => invokeFunction(fn, payload, this.services, trace),
      sqs: props.sqs ?? (() => undefined),
      duplicateFraction: props.duplicateAsyncFraction ?? 0,
      random: props.random ?? Math.random,
    });
  }

  /** AWS time (the shared clock). */
  now(): number {
    return this.props.clock.now();
  }

  arnOf(name: string): string {
    return `arn:aws:lambda:${this.region}:${this.accountId}:function:${name}`;
  }

  /** The function a name or ARN refers to; ResourceNotFoundException otherwise. */
  get(ref: string, qualifier?: string): DeployedFunction {
    const parsed = parseFunctionRef(ref);
    const fn = this.functions.get(parsed.name);
    if (!fn) throw notFound('Function', this.arnOf(parsed.name));
    checkQualifier(qualifier ?? parsed.qualifier, fn.arn);
    return fn;
  }

  functionArn(ref: string): string | undefined {
    try {
      return this.get(ref).arn;
    } catch {
      return undefined;
    }
  }

  list(): DeployedFunction[] {
    return [...this.functions.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  authorize(caller: Caller, action: string, fn: DeployedFunction | string): void {
    const resource = typeof fn === 'string' ? fn : fn.arn;
    const policy = typeof fn === 'string' || fn.policy.length === 0 ? undefined : { Version: '2012-10-17', Statement: fn.policy };
    this.authorizer.authorize({ caller, action, resource, resourcePolicy: policy });
  }

  /** The package named by CreateFunction / UpdateFunctionCode's `Code` (or their flat members). */
  async codeOf(input: Record<string, unknown>): Promise<CodePackage> {
    const zip = input['ZipFile'];
    if (typeof zip === 'string') return codeFromZip(Buffer.from(zip, 'base64'));
    if (zip instanceof Uint8Array) return codeFromZip(zip);
    const bucket = input['S3Bucket'];
    const key = input['S3Key'];
    if (typeof bucket === 'string' && typeof key === 'string') {
      if (bucket === LOCAL_CODE_BUCKET) return codeFromFolder(key);
      if (!this.props.s3Code) throw invalidParameter(`Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist (${bucket})`);
      return codeFromZip(await this.props.s3Code(bucket, key), `s3://${bucket}/${key}`);
    }
    if (input['ImageUri'] !== undefined) throw invalidParameter('Container images are not run by the local Lambda: deploy a .zip package');
    throw invalidParameter('Code must hold ZipFile, or S3Bucket and S3Key (S3Bucket "__local__" with a folder path as S3Key for a built bundle)');
  }

  async createFunction(input: Record<string, unknown>, caller: Caller): Promise<DeployedFunction> {
    const name = checkFunctionName(input['FunctionName']);
    const arn = this.arnOf(name);
    this.authorize(caller, 'lambda:CreateFunction', arn);
    if (this.functions.has(name)) throw lambdaError('ResourceConflictException', `Function already exist: ${name}`);
    const settings = parseSettings(input, name);
    const session = this.assumeRole(settings.role, arn, name);
    const code = await this.codeOf((input['Code'] as Record<string, unknown> | undefined) ?? {});
    const fn: DeployedFunction = {
      name,
      arn,
      settings,
      code,
      compiled: new CompiledPackage(code, require),
      revisionId: randomUUID(),
      lastModified: this.props.clock.now(),
      eventInvokeConfig: undefined,
      policy: [],
      tags: { ...((input['Tags'] as Record<string, string> | undefined) ?? {}) },
      credentials: this.credentials.issue(settings.role, session),
      idle: [],
      environments: new Set(),
      busy: 0,
      metrics: emptyMetrics(),
      deliveryFailures: [],
      scaling: { tokens: SCALING_RATE.burst, atMs: this.props.clock.now() },
      deleted: false,
    };
    this.functions.set(name, fn);
    return fn;
  }

  async updateCode(ref: string, input: Record<string, unknown>, caller: Caller): Promise<DeployedFunction> {
    const fn = this.get(ref);
    this.authorize(caller, 'lambda:UpdateFunctionCode', fn);
    fn.code = await this.codeOf(input);
    fn.compiled = new CompiledPackage(fn.code, require);
    this.revise(fn);
    return fn;
  }

  updateConfiguration(ref: string, input: Record<string, unknown>, caller: Caller): DeployedFunction {
    const fn = this.get(ref);
    this.authorize(caller, 'lambda:UpdateFunctionConfiguration', fn);
    const settings = parseSettings(input, fn.name, fn.settings);
    const session = this.assumeRole(settings.role, fn.arn, fn.name);
    fn.settings = settings;
    fn.credentials = this.credentials.issue(settings.role, session);
    this.revise(fn);
    return fn;
  }

  /** Lambda must be able to assume the function's role (its trust policy); the session is named after the function. */
  private assumeRole(roleArn: string, functionArn: string, name: string): string {
    const assumed = this.authorizer.assumeRole?.(roleArn, { service: 'lambda.amazonaws.com', sourceArn: functionArn, sourceAccount: this.accountId, sessionName: name });
    return assumed?.caller.sessionName ?? name;
  }

  /** A new revision: warm environments of the old one are discarded, busy ones after their invocation. */
  private revise(fn: DeployedFunction): void {
    fn.revisionId = randomUUID();
    fn.lastModified = this.props.clock.now();
    this.discardIdle(fn);
  }

  private discardIdle(fn: DeployedFunction): void {
    for (const idle of fn.idle.splice(0)) {
      idle.cancelReclaim();
      idle.slot.env.discard();
      fn.environments.delete(idle.slot.env);
    }
  }

  deleteFunction(ref: string, caller: Caller): void {
    const fn = this.get(ref);
    this.authorize(caller, 'lambda:DeleteFunction', fn);
    fn.deleted = true;
    this.discardIdle(fn);
    this.governor.forget(fn.name);
    this.functions.delete(fn.name);
  }

  putConcurrency(ref: string, value: number, caller: Caller): void {
    const fn = this.get(ref);
    this.authorize(caller, 'lambda:PutFunctionConcurrency', fn);
    this.governor.setReservation(fn.name, value);
  }

  /** Put (replace) or Update (merge) the function's asynchronous invocation settings. */
  putEventInvokeConfig(ref: string, qualifier: string | undefined, input: Record<string, unknown>, caller: Caller, merge: boolean): DeployedFunction {
    const fn = this.get(ref, qualifier);
    this.authorize(caller, merge ? 'lambda:UpdateFunctionEventInvokeConfig' : 'lambda:PutFunctionEventInvokeConfig', fn);
    fn.eventInvokeConfig = eventInvokeConfigFrom(input, merge ? fn.eventInvokeConfig : undefined, this.now());
    return fn;
  }

  addPermission(ref: string, qualifier: string | undefined, input: Record<string, unknown>, caller: Caller): PermissionStatement {
    const fn = this.get(ref, qualifier);
    this.authorize(caller, 'lambda:AddPermission', fn);
    const statement = permissionStatement(input, fn.arn);
    addStatement(fn.policy, statement);
    return statement;
  }

  /** Invoke, as the API and the other services call it. */
  async invoke(request: InvokeRequest): Promise<InvokeResponse> {
    const fn = this.get(request.functionName);
    this.authorize(request.caller, 'lambda:InvokeFunction', fn);
    const bytes = Buffer.byteLength(request.payload);
    const limit = request.invocationType === 'Event' ? LAMBDA_LIMITS.asyncPayloadBytes : LAMBDA_LIMITS.syncPayloadBytes;
    if (bytes > limit) throw lambdaError('RequestTooLargeException', `Request must be smaller than ${limit} bytes for the InvokeFunction operation`);
    try {
      JSON.parse(request.payload === '' ? 'null' : request.payload);
    } catch (err) {
      throw lambdaError('InvalidRequestContentException', `Could not parse request body into json: ${(err as Error).message}`);
    }
    const payload = request.payload === '' ? '{}' : request.payload;
    if (request.invocationType === 'DryRun') return { statusCode: 204, executedVersion: LATEST };
    if (request.invocationType === 'Event') {
      // With no concurrency at all, Lambda throttles the asynchronous request itself.
      if (this.governor.reservation(fn.name) === 0) throw tooManyRequests('ReservedFunctionConcurrentInvocationLimitExceeded');
      const requestId = randomUUID();
      this.async.enqueue(fn, payload, requestId, request.traceHeader);
      return { statusCode: 202, executedVersion: LATEST, requestId };
    }
    const outcome = await invokeFunction(fn, payload, this.services, request.traceHeader);
    if (outcome.kind === 'throttled') throw tooManyRequests(outcome.reason);
    return {
      statusCode: 200,
      payload: outcome.payload,
      executedVersion: LATEST,
      ...(outcome.error ? { functionError: 'Unhandled' as const } : {}),
      ...(request.logType === 'Tail' ? { logResult: outcome.logTail } : {}),
    };
  }

  /** Asynchronous events queued or waiting for a retry. */
  get pendingAsyncEvents(): number {
    return this.async.pending;
  }

  metrics(ref: string): FunctionMetrics {
    return { ...this.get(ref).metrics };
  }

  /** Why the function's latest destination and dead-letter sends were refused. */
  deliveryFailures(ref: string): readonly DeployedFunction['deliveryFailures'][number][] {
    return [...this.get(ref).deliveryFailures];
  }

  /** Every environment discarded, busy ones too (the local cloud is stopping): no timer of any bundle stays armed. */
  stop(): void {
    for (const fn of this.functions.values()) {
      this.discardIdle(fn);
      for (const env of fn.environments) env.discard();
      fn.environments.clear();
    }
  }
}

function tooManyRequests(reason: string): Error {
  return lambdaError('TooManyRequestsException', 'Rate Exceeded.', { Reason: reason });
}
