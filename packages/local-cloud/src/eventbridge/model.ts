import type { PolicyDocument } from '../core/authorizer';
import type { Clock } from '../core/clock';
import { busArn, DEFAULT_BUS, parseResourceArn, ruleArn, type ServiceScope } from './arns';
import { busNotFound, constraintError, EventBridgeError, ruleNotFound } from './errors';
import { EVENTBRIDGE_LIMITS, NAME_PATTERNS } from './limits';
import type { BusRecord, PermissionStatement, PutRuleRequest, RuleRecord, RuleState, TargetRecord } from './model-types';
import { matchesPattern } from './pattern/match-pattern';

const limitExceeded = (what: string): EventBridgeError =>
  new EventBridgeError('LimitExceededException', `The requested resource exceeds the maximum number allowed (${what}).`);

/**
 * EventBridge's control-plane state for one account and region: buses with their policies and
 * tags, rules, targets. Operations take validated requests and throw the API's errors; nothing
 * here does I/O or delivers anything.
 */
export class EventBridgeModel {
  private readonly buses = new Map<string, BusRecord>();

  constructor(
    readonly scope: ServiceScope,
    private readonly clock: Clock,
  ) {
    this.buses.set(DEFAULT_BUS, this.newBus(DEFAULT_BUS, undefined, []));
  }

  private newBus(name: string, description: string | undefined, tags: ReadonlyArray<readonly [string, string]>): BusRecord {
    const now = new Date(this.clock.now());
    return {
      name,
      arn: busArn(this.scope, name),
      ...(description === undefined ? {} : { description }),
      creationTime: now,
      lastModifiedTime: now,
      tags: new Map(tags),
      rules: new Map(),
    };
  }

  createBus(name: string, description: string | undefined, tags: ReadonlyArray<readonly [string, string]>): BusRecord {
    if (name === DEFAULT_BUS) throw new EventBridgeError('ValidationException', 'The name default is reserved for the default event bus.');
    if (name.includes('/')) throw new EventBridgeError('ValidationException', 'Event bus name must not contain \'/\'.');
    if (!NAME_PATTERNS.bus.test(name)) throw constraintError(name, 'name', 'Member must satisfy regular expression pattern: [/\\.\\-_A-Za-z0-9]+');
    if (this.buses.has(name)) throw new EventBridgeError('ResourceAlreadyExistsException', `Event bus ${name} already exists.`);
    if (this.buses.size - 1 >= EVENTBRIDGE_LIMITS.eventBusesPerAccount) throw limitExceeded(`${EVENTBRIDGE_LIMITS.eventBusesPerAccount} custom event buses`);
    const bus = this.newBus(name, description, tags);
    this.buses.set(name, bus);
    return bus;
  }

  bus(name: string): BusRecord {
    const bus = this.buses.get(name);
    if (!bus) throw busNotFound(name);
    return bus;
  }

  /** Deleting a bus that does not exist succeeds, as on AWS. */
  deleteBus(name: string): void {
    if (name === DEFAULT_BUS) throw new EventBridgeError('ValidationException', 'Cannot delete event bus default.');
    const bus = this.buses.get(name);
    if (!bus) return;
    if (bus.rules.size > 0) throw new EventBridgeError('ValidationException', "EventBus can't be deleted since it has rules.");
    this.buses.delete(name);
  }

  listBuses(prefix: string | undefined): BusRecord[] {
    return [...this.buses.values()].filter((b) => prefix === undefined || b.name.startsWith(prefix)).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Creates a rule or replaces one (keeping its targets and tags, as PutRule does). */
  putRule(req: PutRuleRequest): RuleRecord {
    const bus = this.bus(req.busName);
    const existing = bus.rules.get(req.name);
    if (!existing && bus.rules.size >= EVENTBRIDGE_LIMITS.rulesPerBus) throw limitExceeded(`${EVENTBRIDGE_LIMITS.rulesPerBus} rules per event bus`);
    const tags = existing ? existing.tags : new Map<string, string>();
    for (const [k, v] of req.tags) tags.set(k, v);
    const rule: RuleRecord = {
      name: req.name,
      arn: ruleArn(this.scope, bus.name, req.name),
      busName: bus.name,
      eventPattern: req.eventPattern,
      pattern: req.pattern,
      state: req.state,
      ...(req.description === undefined ? {} : { description: req.description }),
      ...(req.roleArn === undefined ? {} : { roleArn: req.roleArn }),
      tags,
      targets: existing ? existing.targets : new Map(),
    };
    bus.rules.set(req.name, rule);
    return rule;
  }

  rule(busName: string, name: string): RuleRecord {
    const rule = this.bus(busName).rules.get(name);
    if (!rule) throw ruleNotFound(name, busName);
    return rule;
  }

  /** Deleting a rule (or a rule of a bus) that does not exist succeeds, as on AWS. */
  deleteRule(busName: string, name: string): void {
    const bus = this.buses.get(busName);
    const rule = bus?.rules.get(name);
    if (!bus || !rule) return;
    if (rule.targets.size > 0) throw new EventBridgeError('ValidationException', "Rule can't be deleted since it has targets.");
    bus.rules.delete(name);
  }

  setRuleState(busName: string, name: string, state: RuleState): void {
    this.rule(busName, name).state = state;
  }

  listRules(busName: string, prefix: string | undefined): RuleRecord[] {
    return [...this.bus(busName).rules.values()].filter((r) => prefix === undefined || r.name.startsWith(prefix)).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Adds or replaces targets by Id; refuses the whole call when the rule would hold more than five. */
  putTargets(busName: string, ruleName: string, targets: readonly TargetRecord[]): void {
    const rule = this.rule(busName, ruleName);
    const ids = new Set([...rule.targets.keys(), ...targets.map((t) => t.id)]);
    if (ids.size > EVENTBRIDGE_LIMITS.targetsPerRule) throw limitExceeded(`${EVENTBRIDGE_LIMITS.targetsPerRule} targets per rule`);
    for (const t of targets) rule.targets.set(t.id, t);
  }

  /** Ids the rule does not have are ignored, as on AWS. */
  removeTargets(busName: string, ruleName: string, ids: readonly string[]): void {
    const rule = this.rule(busName, ruleName);
    for (const id of ids) rule.targets.delete(id);
  }

  /** Enabled rules of a bus whose pattern matches the event. */
  matchingRules(busName: string, event: unknown): RuleRecord[] {
    return [...this.bus(busName).rules.values()].filter((r) => r.state !== 'DISABLED' && matchesPattern(r.pattern, event));
  }

  /** PutPermission with a whole policy: it replaces the bus's policy. */
  setPolicy(busName: string, policy: PolicyDocument): void {
    const bus = this.bus(busName);
    bus.policy = policy;
    bus.lastModifiedTime = new Date(this.clock.now());
  }

  /** PutPermission by parts: one Allow statement for events:PutEvents, replacing any with the same Sid. */
  addPermission(busName: string, p: PermissionStatement): void {
    const bus = this.bus(busName);
    const statement = {
      Sid: p.statementId,
      Effect: 'Allow',
      Principal: p.principal === '*' ? '*' : { AWS: `arn:aws:iam::${p.principal}:root` },
      Action: 'events:PutEvents',
      Resource: bus.arn,
      ...(p.condition ? { Condition: { [p.condition.Type]: { [p.condition.Key]: p.condition.Value } } } : {}),
    };
    const others = statementsOf(bus.policy).filter((s) => s['Sid'] !== p.statementId);
    this.setPolicy(busName, { Version: '2012-10-17', Statement: [...others, statement] });
  }

  removePermission(busName: string, statementId: string | undefined, all: boolean): void {
    const bus = this.bus(busName);
    if (all) {
      delete bus.policy;
      return;
    }
    if (!bus.policy) throw new EventBridgeError('ResourceNotFoundException', 'EventBus does not have a policy.');
    const statements = statementsOf(bus.policy);
    const kept = statements.filter((s) => s['Sid'] !== statementId);
    if (kept.length === statements.length) throw new EventBridgeError('ResourceNotFoundException', 'Statement with the provided id does not exist.');
    if (kept.length === 0) delete bus.policy;
    else bus.policy = { ...bus.policy, Statement: kept };
    bus.lastModifiedTime = new Date(this.clock.now());
  }

  /** The tag map of a bus or rule named by ARN. */
  tagsOf(arn: string): Map<string, string> {
    const ref = parseResourceArn(this.scope, arn);
    if (!ref) throw new EventBridgeError('ResourceNotFoundException', `Resource ${arn} does not exist.`);
    return ref.kind === 'bus' ? this.bus(ref.bus).tags : this.rule(ref.bus, ref.rule).tags;
  }

  tagResource(arn: string, tags: ReadonlyArray<readonly [string, string]>): void {
    const map = this.tagsOf(arn);
    const keys = new Set([...map.keys(), ...tags.map(([k]) => k)]);
    if (keys.size > EVENTBRIDGE_LIMITS.tagsPerResource) throw limitExceeded(`${EVENTBRIDGE_LIMITS.tagsPerResource} tags per resource`);
    for (const [k, v] of tags) map.set(k, v);
  }
}

function statementsOf(policy: PolicyDocument | undefined): Record<string, unknown>[] {
  if (!policy) return [];
  const s = policy.Statement;
  return (Array.isArray(s) ? s : [s]).filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null);
}
