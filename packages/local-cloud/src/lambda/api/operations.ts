import type { Caller } from '../../core/caller';
import type { GatewayRequest } from '../../gateway/types';
import type { InvocationType } from '../../core/ports';
import type { EventInvokeConfig } from '../deployed-function';
import { invalidParameter, lambdaError, notFound } from '../errors';
import type { LambdaService } from '../lambda-service';
import { removeStatement } from '../permissions';
import { configurationOf, eventInvokeConfigOf } from './wire';

export interface RestResult {
  status: number;
  body?: unknown;
  /** A raw body (Invoke's payload) instead of JSON. */
  raw?: string;
  headers?: Record<string, string>;
}

type Json = Record<string, unknown>;
export type Operation = (service: LambdaService, params: Record<string, string>, request: GatewayRequest, body: Json) => Promise<RestResult> | RestResult;

const ok = (body: unknown, status = 200): RestResult => ({ status, body });
const caller = (r: GatewayRequest): Caller => r.caller;

const INVOCATION_TYPES: InvocationType[] = ['RequestResponse', 'Event', 'DryRun'];

function maxItems(request: GatewayRequest): number {
  const raw = request.query.get('MaxItems');
  if (raw === null) return 50;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw invalidParameter(`MaxItems must be a whole number from 1, got '${raw}'`);
  return Math.min(n, 50);
}

export const OPERATIONS: Record<string, Operation> = {
  async CreateFunction(service, _p, request, body) {
    return ok(configurationOf(await service.createFunction(body, caller(request))), 201);
  },
  GetFunction(service, p, request) {
    const fn = service.get(p['name'] as string, request.query.get('Qualifier') ?? undefined);
    service.authorize(caller(request), 'lambda:GetFunction', fn);
    const reserved = service.governor.reservation(fn.name);
    return ok({
      Configuration: configurationOf(fn),
      Code: { RepositoryType: 'S3', Location: `file://${fn.code.location}` },
      Tags: fn.tags,
      ...(reserved === undefined ? {} : { Concurrency: { ReservedConcurrentExecutions: reserved } }),
    });
  },
  GetFunctionConfiguration(service, p, request) {
    const fn = service.get(p['name'] as string, request.query.get('Qualifier') ?? undefined);
    service.authorize(caller(request), 'lambda:GetFunctionConfiguration', fn);
    return ok(configurationOf(fn));
  },
  UpdateFunctionConfiguration(service, p, request, body) {
    return ok(configurationOf(service.updateConfiguration(p['name'] as string, body, caller(request))));
  },
  async UpdateFunctionCode(service, p, request, body) {
    return ok(configurationOf(await service.updateCode(p['name'] as string, body, caller(request))));
  },
  DeleteFunction(service, p, request) {
    service.deleteFunction(p['name'] as string, caller(request));
    return { status: 204 };
  },
  ListFunctions(service, _p, request) {
    const all = service.list();
    const start = Number(request.query.get('Marker') ?? '0') || 0;
    const page = all.slice(start, start + maxItems(request));
    const next = start + page.length;
    return ok({ Functions: page.map(configurationOf), ...(next < all.length ? { NextMarker: String(next) } : {}) });
  },
  ListVersionsByFunction(service, p) {
    return ok({ Versions: [configurationOf(service.get(p['name'] as string))] });
  },
  async Invoke(service, p, request) {
    const type = (request.headers['x-amz-invocation-type'] as string | undefined) ?? 'RequestResponse';
    if (!INVOCATION_TYPES.includes(type as InvocationType)) throw invalidParameter(`X-Amz-Invocation-Type must be one of ${INVOCATION_TYPES.join(', ')}, got '${type}'`);
    const logType = request.headers['x-amz-log-type'] === 'Tail' ? 'Tail' : 'None';
    const qualifier = request.query.get('Qualifier');
    const r = await service.invoke({
      functionName: qualifier ? `${p['name'] as string}:${qualifier}` : (p['name'] as string),
      payload: request.body.toString('utf8'),
      invocationType: type as InvocationType,
      caller: caller(request),
      logType,
      traceHeader: request.headers['x-amzn-trace-id'] as string | undefined,
    });
    const headers: Record<string, string> = { 'x-amz-executed-version': r.executedVersion, 'content-type': 'application/json' };
    if (r.functionError) headers['x-amz-function-error'] = r.functionError;
    if (r.logResult !== undefined) headers['x-amz-log-result'] = r.logResult;
    if (r.requestId !== undefined) headers['x-amzn-requestid'] = r.requestId;
    return { status: r.statusCode, raw: r.payload ?? '', headers };
  },
  PutFunctionConcurrency(service, p, request, body) {
    const value = body['ReservedConcurrentExecutions'];
    if (typeof value !== 'number') throw invalidParameter('ReservedConcurrentExecutions is required');
    service.putConcurrency(p['name'] as string, value, caller(request));
    return ok({ ReservedConcurrentExecutions: value });
  },
  GetFunctionConcurrency(service, p) {
    const reserved = service.governor.reservation(service.get(p['name'] as string).name);
    return ok(reserved === undefined ? {} : { ReservedConcurrentExecutions: reserved });
  },
  DeleteFunctionConcurrency(service, p, request) {
    const fn = service.get(p['name'] as string);
    service.authorize(caller(request), 'lambda:DeleteFunctionConcurrency', fn);
    service.governor.clearReservation(fn.name);
    return { status: 204 };
  },
  PutFunctionEventInvokeConfig(service, p, request, body) {
    const fn = service.putEventInvokeConfig(p['name'] as string, request.query.get('Qualifier') ?? undefined, body, caller(request), false);
    return ok(eventInvokeConfigOf(fn, fn.eventInvokeConfig as EventInvokeConfig));
  },
  UpdateFunctionEventInvokeConfig(service, p, request, body) {
    const fn = service.putEventInvokeConfig(p['name'] as string, request.query.get('Qualifier') ?? undefined, body, caller(request), true);
    return ok(eventInvokeConfigOf(fn, fn.eventInvokeConfig as EventInvokeConfig));
  },
  GetFunctionEventInvokeConfig(service, p, request) {
    const fn = service.get(p['name'] as string, request.query.get('Qualifier') ?? undefined);
    if (!fn.eventInvokeConfig) throw notFound('EventInvokeConfig', `${fn.arn}:$LATEST (the function has no EventInvokeConfig)`);
    return ok(eventInvokeConfigOf(fn, fn.eventInvokeConfig));
  },
  ListFunctionEventInvokeConfigs(service, p) {
    const fn = service.get(p['name'] as string);
    return ok({ FunctionEventInvokeConfigs: fn.eventInvokeConfig ? [eventInvokeConfigOf(fn, fn.eventInvokeConfig)] : [] });
  },
  DeleteFunctionEventInvokeConfig(service, p, request) {
    const fn = service.get(p['name'] as string, request.query.get('Qualifier') ?? undefined);
    service.authorize(caller(request), 'lambda:DeleteFunctionEventInvokeConfig', fn);
    if (!fn.eventInvokeConfig) throw notFound('EventInvokeConfig', `${fn.arn}:$LATEST (the function has no EventInvokeConfig)`);
    fn.eventInvokeConfig = undefined;
    return { status: 204 };
  },
  AddPermission(service, p, request, body) {
    const statement = service.addPermission(p['name'] as string, request.query.get('Qualifier') ?? undefined, body, caller(request));
    return ok({ Statement: JSON.stringify(statement) }, 201);
  },
  GetPolicy(service, p, request) {
    const fn = service.get(p['name'] as string, request.query.get('Qualifier') ?? undefined);
    service.authorize(caller(request), 'lambda:GetPolicy', fn);
    if (fn.policy.length === 0) throw lambdaError('ResourceNotFoundException', 'The resource you requested does not exist.');
    return ok({ Policy: JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: fn.policy }), RevisionId: fn.revisionId });
  },
  RemovePermission(service, p, request) {
    const fn = service.get(p['name'] as string, request.query.get('Qualifier') ?? undefined);
    service.authorize(caller(request), 'lambda:RemovePermission', fn);
    removeStatement(fn.policy, p['sid'] as string);
    return { status: 204 };
  },
  ListTags(service, p) {
    return ok({ Tags: service.get(p['arn'] as string).tags });
  },
  TagResource(service, p, _r, body) {
    Object.assign(service.get(p['arn'] as string).tags, (body['Tags'] as Record<string, string> | undefined) ?? {});
    return { status: 204 };
  },
  UntagResource(service, p, request) {
    const fn = service.get(p['arn'] as string);
    for (const key of request.query.getAll('tagKeys')) delete fn.tags[key];
    return { status: 204 };
  },
  GetAccountSettings(service) {
    const functions = service.list();
    const total = functions.reduce((n, f) => n + f.code.size, 0);
    return ok({
      AccountLimit: {
        TotalCodeSize: 80 * 1024 ** 3,
        CodeSizeUnzipped: 250 * 1024 ** 2,
        CodeSizeZipped: 50 * 1024 ** 2,
        ConcurrentExecutions: service.governor.accountLimit,
        UnreservedConcurrentExecutions: service.governor.unreservedLimit,
      },
      AccountUsage: { TotalCodeSize: total, FunctionCount: functions.length },
    });
  },
  GetFunctionCodeSigningConfig(service, p) {
    return ok({ FunctionName: service.get(p['name'] as string).name, CodeSigningConfigArn: '' });
  },
  GetRuntimeManagementConfig(service, p) {
    return ok({ UpdateRuntimeOn: 'Auto', FunctionArn: service.get(p['name'] as string).arn });
  },
};
