/**
 * The local cloud's IAM: every call a deployed resource makes is evaluated against the roles
 * and resource policies the stacks deployed, as AWS would evaluate it; external callers (a
 * user's SDK or CLI) act as administrators. Denials throw AccessDeniedError with AWS's message
 * and are recorded in the decision log.
 */
import { AccessDeniedError } from '../core/aws-error';
import type { AuthorizationRequest, Authorizer, PolicyDocument } from '../core/authorizer';
import type { Caller } from '../core/caller';
import type { Clock } from '../core/clock';
import { ActionCatalog, type ActionInfo } from './action-catalog';
import { assumedRoleArn, resourceAccount } from './arns';
import { DECISION_CACHE_ENTRIES, REGIONAL_PRINCIPAL_SERVICES, RESOURCELESS_REQUEST, RESOURCE_POLICY_CACHE_ENTRIES } from './constants';
import { BoundedCache } from './bounded-cache';
import { DecisionLog, type RefusalReason } from './decision-log';
import { InvalidAuthorizationRequestError, InvalidInputError, RoleAssumptionError } from './errors';
import { denialMessage, evaluate, type Verdict } from './evaluator';
import { loadPolicy, type LoadedPolicy } from './policy-document';
import { principalOf, requestContext, type EvaluatedCaller, type RequestEnvironment, type ServicePrincipal } from './request-context';
import { RoleRegistry } from './role-registry';

/** enforce: refuse what IAM refuses; audit: log it but let it through; off: let everything through unevaluated. */
export type AuthorizationMode = 'enforce' | 'audit' | 'off';

export interface IamAuthorizerProps {
  readonly registry: RoleRegistry;
  readonly catalog: ActionCatalog;
  readonly clock: Pick<Clock, 'now'>;
  readonly region: string;
  readonly mode?: AuthorizationMode;
  /** `aws:SecureTransport` for every request (default true: see the README). */
  readonly secureTransport?: boolean;
  /** Decisions kept for reuse (0 turns the cache off). */
  readonly cacheEntries?: number;
  readonly denialLogEntries?: number;
}

export interface AssumeRoleRequest {
  /** The service principal assuming the role (`lambda.amazonaws.com`, `states.amazonaws.com`). */
  readonly service: string;
  /** The resource it assumes the role for (the function, the state machine): `aws:SourceArn`. */
  readonly sourceArn?: string;
  /** `aws:SourceAccount`. */
  readonly sourceAccount?: string;
  /** Default: the last segment of `sourceArn` (a function's name, as Lambda names its sessions), else the service's prefix. */
  readonly sessionName?: string;
}

export interface AssumedRole {
  /** What the service passes along with every call it makes with the role. */
  readonly caller: Extract<Caller, { kind: 'role' }>;
  readonly assumedRoleArn: string;
  /** Undefined only when enforcement is off and the role is not registered. */
  readonly roleId: string | undefined;
}

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

export class IamAuthorizer implements Authorizer {
  readonly roles: RoleRegistry;
  readonly catalog: ActionCatalog;
  readonly log: DecisionLog;
  mode: AuthorizationMode;
  private readonly clock: Pick<Clock, 'now'>;
  private readonly region: string;
  private readonly secureTransport: boolean;
  /**
   * Decisions by caller, action, resource, resource policy and extra context, valid while the
   * registry does not change: nothing else enters a decision but time, and decisions under
   * policies that read the time are not kept.
   */
  private readonly decisions: BoundedCache<Verdict>;
  /** Resource policies parsed and validated once per distinct document. */
  private readonly resourcePolicies = new BoundedCache<LoadedPolicy>(RESOURCE_POLICY_CACHE_ENTRIES);

  constructor(props: IamAuthorizerProps) {
    this.roles = props.registry;
    this.catalog = props.catalog;
    this.clock = props.clock;
    this.region = props.region;
    this.mode = props.mode ?? 'enforce';
    this.secureTransport = props.secureTransport ?? true;
    this.decisions = new BoundedCache(props.cacheEntries ?? DECISION_CACHE_ENTRIES);
    this.log = new DecisionLog(props.denialLogEntries);
  }

  authorize(request: AuthorizationRequest): void {
    const info = this.catalog.get(request.action);
    if (request.resource === '*' && !info.wildcardOnly) {
      throw new InvalidAuthorizationRequestError(`${info.action} has resource-level permissions: authorize it on the resource's ARN, not on *`);
    }
    const { caller } = request;
    if (caller.kind === 'external') {
      this.log.allowed(true);
      return;
    }
    if (this.mode === 'off') {
      this.log.unenforced();
      return;
    }
    const verdict = this.decide(caller, info, request);
    if (verdict.allowed) {
      this.log.allowed(false);
      return;
    }
    const message = denialMessage(principalOf(caller), info.action, request.resource, verdict);
    this.refuse(caller, info.action, request.resource, verdict.reason, message, () => new AccessDeniedError(message));
  }

  /**
   * A service takes on a role for a resource (Lambda for a function, Step Functions for a state
   * machine): the role must exist and its trust policy must let that service, with that source,
   * assume it. Throws RoleAssumptionError with the service's own AWS error otherwise.
   */
  assumeRole(roleArn: string, request: AssumeRoleRequest): AssumedRole {
    const sessionName = request.sessionName ?? defaultSessionName(request);
    if (!SESSION_NAME.test(sessionName)) throw new InvalidInputError(`Invalid role session name ${JSON.stringify(sessionName)}: 2 to 64 characters of letters, digits and +=,.@_-`);
    const assumed = { caller: { kind: 'role', roleArn, sessionName }, assumedRoleArn: assumedRoleArn(roleArn, sessionName), roleId: this.roles.getRole(roleArn)?.roleId } as const;
    if (this.mode === 'off') {
      this.log.unenforced();
      return assumed;
    }
    const service: ServicePrincipal = { kind: 'service', service: request.service, sourceArn: request.sourceArn, sourceAccount: request.sourceAccount };
    const trust = this.roles.trustPolicy(roleArn);
    if (trust === undefined) {
      this.refuse(service, 'sts:AssumeRole', roleArn, 'NoSuchRole', `Role ${roleArn} does not exist`, () => new RoleAssumptionError(roleArn, request.service, 'NoSuchRole'));
      return assumed;
    }
    const global = this.decideTrust(service, roleArn, trust);
    if (global.allowed || this.regionalPrincipals(request.service).some((principal) => this.decideTrust({ ...service, service: principal }, roleArn, trust).allowed)) {
      this.log.allowed(false);
      return assumed;
    }
    const message = denialMessage(request.service, 'sts:AssumeRole', roleArn, global);
    this.refuse(service, 'sts:AssumeRole', roleArn, 'TrustPolicy', message, () => new RoleAssumptionError(roleArn, request.service, 'TrustPolicy'));
    return assumed;
  }

  private decide(caller: EvaluatedCaller, info: ActionInfo, request: AuthorizationRequest): Verdict {
    const policyJson = request.resourcePolicy === undefined ? '' : JSON.stringify(request.resourcePolicy);
    const extra = request.context ?? {};
    const key = [callerKey(caller), info.action, request.resource, policyJson, contextKey(extra)].join('\u0000');
    const generation = this.roles.generation;
    const cached = this.decisions.get(key, generation);
    if (cached !== undefined) {
      this.log.cacheHit();
      return cached;
    }
    const resourcePolicy = request.resourcePolicy === undefined ? undefined : this.resourcePolicy(policyJson, request.resourcePolicy, request.resource);
    const identityPolicies = caller.kind === 'role' ? (this.roles.identityPolicies(caller.roleArn) ?? []) : [];
    const role = caller.kind === 'role' ? this.roles.getRole(caller.roleArn) : undefined;
    const verdict = evaluate({
      principal: principalOf(caller),
      principalIsService: caller.kind === 'service',
      action: info.action,
      resource: info.wildcardOnly ? RESOURCELESS_REQUEST : request.resource,
      resourceAccount: resourceAccount(request.resource, this.roles.accountId),
      identityPolicies,
      resourcePolicy,
      context: requestContext(caller, role, request.resource, this.environment(), extra),
    });
    this.log.evaluated();
    const timeSensitive = identityPolicies.some((p) => p.timeSensitive) || resourcePolicy?.timeSensitive === true;
    if (!timeSensitive) this.decisions.set(key, verdict, generation);
    return verdict;
  }

  private decideTrust(service: ServicePrincipal, roleArn: string, trust: LoadedPolicy): Verdict {
    const key = ['sts:AssumeRole', callerKey(service), roleArn].join('\u0000');
    const generation = this.roles.generation;
    const cached = this.decisions.get(key, generation);
    if (cached !== undefined) {
      this.log.cacheHit();
      return cached;
    }
    const verdict = evaluate({
      principal: service.service,
      principalIsService: true,
      action: 'sts:AssumeRole',
      resource: roleArn,
      resourceAccount: resourceAccount(roleArn, this.roles.accountId),
      identityPolicies: [],
      resourcePolicy: trust,
      context: requestContext(service, undefined, roleArn, this.environment()),
    });
    this.log.evaluated();
    if (!trust.timeSensitive) this.decisions.set(key, verdict, generation);
    return verdict;
  }

  /** Step Functions also accepts a trust policy naming its regional principal (`states.eu-west-1.amazonaws.com`). */
  private regionalPrincipals(service: string): string[] {
    const prefix = service.split('.')[0] ?? service;
    return REGIONAL_PRINCIPAL_SERVICES.has(prefix) && service === `${prefix}.amazonaws.com` ? [`${prefix}.${this.region}.amazonaws.com`] : [];
  }

  private resourcePolicy(json: string, document: PolicyDocument, resource: string): LoadedPolicy {
    const known = this.resourcePolicies.get(json, 0);
    if (known !== undefined) return known;
    const loaded = loadPolicy(document as Record<string, unknown>, 'resource', `resource policy of ${resource}`);
    this.resourcePolicies.set(json, loaded, 0);
    return loaded;
  }

  private refuse(caller: EvaluatedCaller, action: string, resource: string, reason: RefusalReason, message: string, error: () => Error): void {
    const enforced = this.mode === 'enforce';
    this.log.denied({
      time: new Date(this.clock.now()).toISOString(),
      principal: principalOf(caller),
      callerKind: caller.kind,
      ...(caller.kind === 'service' && caller.sourceArn !== undefined ? { sourceArn: caller.sourceArn } : {}),
      action,
      resource,
      reason,
      message,
      enforced,
    });
    if (enforced) throw error();
  }

  private environment(): RequestEnvironment {
    return { accountId: this.roles.accountId, region: this.region, secureTransport: this.secureTransport, nowMs: this.clock.now() };
  }
}

function callerKey(caller: EvaluatedCaller): string {
  return caller.kind === 'role' ? `role|${caller.roleArn}|${caller.sessionName}` : `service|${caller.service}|${caller.sourceArn ?? ''}|${caller.sourceAccount ?? ''}`;
}

function contextKey(context: Readonly<Record<string, string>>): string {
  const entries = Object.entries(context);
  return entries.length === 0 ? '' : JSON.stringify(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function defaultSessionName(request: AssumeRoleRequest): string {
  const last = request.sourceArn?.split(/[:/]/).pop()?.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
  return last !== undefined && last.length >= 2 ? last : (request.service.split('.')[0] ?? 'session');
}
