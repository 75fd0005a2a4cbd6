/**
 * The roles of the local account with their trust, inline and managed policies: what the
 * Terraform loader registers and what the authorizer evaluates. Checks what IAM checks when
 * these are written (syntax, names, quotas, dangling references), with IAM's error codes.
 */
import { createHash } from 'node:crypto';
import { IAM_LIMITS, type IamLimits } from './constants';
import { checkPolicyArn, checkPolicyName, checkRoleName, parseRoleArn } from './arns';
import { DeleteConflictError, InvalidInputError, LimitExceededError, NoSuchEntityError } from './errors';
import { loadPolicy, type LoadedPolicy, type PolicyInput } from './policy-document';

export interface RoleRegistryProps {
  readonly accountId: string;
  readonly limits?: Partial<IamLimits>;
}

export interface PutRoleProps {
  readonly roleArn: string;
  readonly assumeRolePolicy: PolicyInput;
  /** Policy name → document. */
  readonly inlinePolicies?: Readonly<Record<string, PolicyInput>>;
  /** Customer managed policies registered with `putPolicy` first. */
  readonly managedPolicyArns?: readonly string[];
  /** Read by conditions on `aws:PrincipalTag/<key>`. */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface RoleView {
  readonly roleArn: string;
  readonly roleName: string;
  /** The unique id (`AROA…`) IAM gives a role; `aws:userid` is `<roleId>:<session>`. */
  readonly roleId: string;
  readonly accountId: string;
  readonly inlinePolicyNames: readonly string[];
  readonly attachedPolicyArns: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
}

interface RoleRecord {
  readonly view: Omit<RoleView, 'inlinePolicyNames' | 'attachedPolicyArns'>;
  trust: LoadedPolicy;
  readonly inline: Map<string, LoadedPolicy>;
  readonly attached: string[];
}

export class RoleRegistry {
  readonly accountId: string;
  readonly limits: IamLimits;
  /** Roles by lower-cased name: IAM role names are unique in an account regardless of case. */
  private readonly roles = new Map<string, RoleRecord>();
  private readonly managed = new Map<string, LoadedPolicy>();
  private created = 0;
  private changes = 0;

  constructor(props: RoleRegistryProps) {
    if (!/^\d{12}$/.test(props.accountId)) throw new InvalidInputError(`accountId must be 12 digits, got ${JSON.stringify(props.accountId)}`);
    this.accountId = props.accountId;
    this.limits = { ...IAM_LIMITS, ...props.limits };
  }

  /** Changes with every write, so that decisions taken before it are not reused. */
  get generation(): number {
    return this.changes;
  }

  /** Creates the role, or replaces all of an existing role's policies and tags (its unique id stays). */
  putRole(props: PutRoleProps): RoleView {
    const { accountId, roleName } = parseRoleArn(props.roleArn);
    checkRoleName(roleName, this.limits.roleNameChars);
    if (accountId !== this.accountId) throw new InvalidInputError(`Role ${props.roleArn} is not in the local account ${this.accountId}`);
    const existing = this.roles.get(roleName.toLowerCase());
    if (existing !== undefined && existing.view.roleArn !== props.roleArn) {
      throw new InvalidInputError(`Role with name ${roleName} already exists as ${existing.view.roleArn}`);
    }
    const trust = this.loadTrust(roleName, props.assumeRolePolicy);
    const inline = new Map(Object.entries(props.inlinePolicies ?? {}).map(([name, doc]) => [name, this.loadInline(name, doc)]));
    this.checkInlineSize(roleName, inline);
    const attached = [...new Set(props.managedPolicyArns ?? [])];
    for (const arn of attached) this.managedPolicy(arn);
    this.checkAttachedCount(roleName, attached.length);
    const roleId = existing?.view.roleId ?? uniqueId('AROA', `${props.roleArn}#${++this.created}`);
    this.roles.set(roleName.toLowerCase(), { view: { roleArn: props.roleArn, roleName, roleId, accountId, tags: { ...props.tags } }, trust, inline, attached });
    this.changes++;
    return this.view(props.roleArn);
  }

  updateAssumeRolePolicy(role: string, document: PolicyInput): void {
    const record = this.record(role);
    record.trust = this.loadTrust(record.view.roleName, document);
    this.changes++;
  }

  putRolePolicy(role: string, policyName: string, document: PolicyInput): void {
    const record = this.record(role);
    const inline = new Map(record.inline).set(policyName, this.loadInline(policyName, document));
    this.checkInlineSize(record.view.roleName, inline);
    record.inline.set(policyName, inline.get(policyName) as LoadedPolicy);
    this.changes++;
  }

  deleteRolePolicy(role: string, policyName: string): void {
    const record = this.record(role);
    if (!record.inline.delete(policyName)) throw new NoSuchEntityError(`The role policy with name ${policyName} cannot be found.`);
    this.changes++;
  }

  /** Creates or replaces a customer managed policy (a new default version on IAM). */
  putPolicy(policyArn: string, document: PolicyInput): void {
    checkPolicyArn(policyArn);
    const policy = loadPolicy(document, 'identity', policyArn, policyArn);
    if (policy.size > this.limits.managedPolicyChars) throw new LimitExceededError(`Cannot exceed quota for PolicySize: ${this.limits.managedPolicyChars}`);
    this.managed.set(policyArn, policy);
    this.changes++;
  }

  deletePolicy(policyArn: string): void {
    this.managedPolicy(policyArn);
    if ([...this.roles.values()].some((r) => r.attached.includes(policyArn))) {
      throw new DeleteConflictError('Cannot delete a policy attached to entities.');
    }
    this.managed.delete(policyArn);
    this.changes++;
  }

  attachRolePolicy(role: string, policyArn: string): void {
    const record = this.record(role);
    this.managedPolicy(policyArn);
    if (record.attached.includes(policyArn)) return;
    this.checkAttachedCount(record.view.roleName, record.attached.length + 1);
    record.attached.push(policyArn);
    this.changes++;
  }

  detachRolePolicy(role: string, policyArn: string): void {
    const record = this.record(role);
    const at = record.attached.indexOf(policyArn);
    if (at < 0) throw new NoSuchEntityError(`Policy ${policyArn} was not found.`);
    record.attached.splice(at, 1);
    this.changes++;
  }

  /** As IAM: a role with inline or attached policies cannot be deleted. */
  deleteRole(role: string): void {
    const record = this.record(role);
    if (record.inline.size > 0) throw new DeleteConflictError('Cannot delete entity, must delete policies first.');
    if (record.attached.length > 0) throw new DeleteConflictError('Cannot delete entity, must detach all policies first.');
    this.roles.delete(record.view.roleName.toLowerCase());
    this.changes++;
  }

  /** The role by name or ARN, or undefined. */
  getRole(role: string): RoleView | undefined {
    const record = this.find(role);
    return record === undefined ? undefined : this.view(record.view.roleArn);
  }

  listRoles(): RoleView[] {
    return [...this.roles.values()].map((r) => this.view(r.view.roleArn));
  }

  /** Inline then attached managed policies of a role; undefined when there is no such role. */
  identityPolicies(roleArn: string): readonly LoadedPolicy[] | undefined {
    const record = this.find(roleArn);
    if (record === undefined) return undefined;
    return [...record.inline.values(), ...record.attached.map((arn) => this.managedPolicy(arn))];
  }

  trustPolicy(roleArn: string): LoadedPolicy | undefined {
    return this.find(roleArn)?.trust;
  }

  private view(roleArn: string): RoleView {
    const record = this.record(roleArn);
    return { ...record.view, inlinePolicyNames: [...record.inline.keys()], attachedPolicyArns: [...record.attached] };
  }

  private find(role: string): RoleRecord | undefined {
    const name = role.startsWith('arn:') ? parseRoleArn(role).roleName : role;
    const record = this.roles.get(name.toLowerCase());
    return record !== undefined && (!role.startsWith('arn:') || record.view.roleArn === role) ? record : undefined;
  }

  private record(role: string): RoleRecord {
    const record = this.find(role);
    if (record === undefined) throw new NoSuchEntityError(`The role with name ${role.startsWith('arn:') ? parseRoleArn(role).roleName : role} cannot be found.`);
    return record;
  }

  private managedPolicy(policyArn: string): LoadedPolicy {
    const policy = this.managed.get(policyArn);
    if (policy === undefined) throw new NoSuchEntityError(`Policy ${policyArn} does not exist or is not attachable.`);
    return policy;
  }

  private loadTrust(roleName: string, document: PolicyInput): LoadedPolicy {
    const trust = loadPolicy(document, 'trust', `${roleName} (assume role policy)`);
    if (trust.size > this.limits.trustPolicyChars) throw new LimitExceededError(`Cannot exceed quota for ACLSizePerRole: ${this.limits.trustPolicyChars}`);
    return trust;
  }

  private loadInline(policyName: string, document: PolicyInput): LoadedPolicy {
    checkPolicyName(policyName, this.limits.policyNameChars);
    return loadPolicy(document, 'identity', policyName);
  }

  private checkInlineSize(roleName: string, inline: ReadonlyMap<string, LoadedPolicy>): void {
    const total = [...inline.values()].reduce((sum, p) => sum + p.size, 0);
    if (total > this.limits.rolePolicyChars) {
      throw new LimitExceededError(`Maximum policy size of ${this.limits.rolePolicyChars} bytes exceeded for role ${roleName}`);
    }
  }

  private checkAttachedCount(roleName: string, count: number): void {
    if (count > this.limits.managedPoliciesPerRole) {
      throw new LimitExceededError(`Cannot exceed quota for PoliciesPerRole: ${this.limits.managedPoliciesPerRole} (role ${roleName})`);
    }
  }
}

/** IAM unique ids: a type prefix and 17 uppercase alphanumerics. */
function uniqueId(prefix: string, seed: string): string {
  return prefix + createHash('sha256').update(seed).digest('hex').toUpperCase().slice(0, 17);
}
