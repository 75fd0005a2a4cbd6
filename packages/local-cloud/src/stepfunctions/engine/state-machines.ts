import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock';
import type { StateMachineDefinition } from '../asl/types';
import { describeProblems, expressProblems, validateDefinition } from '../asl/validate';
import { LOCAL_LIMITS } from '../limits';
import { SfnApiError } from './api-errors';
import { LOGGING_OFF, mergeTags, sameConfig, TRACING_OFF, type LoggingConfiguration, type Tag, type TracingConfiguration } from './machine-config';
import { checkArn, checkName, payloadSize } from './names';

/** One revision of a state machine: what executions started from it run, whatever updates follow. */
export interface StateMachineRecord {
  stateMachineArn: string;
  name: string;
  definition: string;
  parsed: StateMachineDefinition;
  roleArn: string;
  type: 'STANDARD' | 'EXPRESS';
  creationDate: Date;
  loggingConfiguration: LoggingConfiguration;
  tracingConfiguration: TracingConfiguration;
  /** When this revision was made (the creation date for the first). */
  updateDate: Date;
  revisionId: string;
  /** Versions only: the version's number and description. */
  version?: number;
  description?: string;
  /** A Distributed Map's child state machine (`…:stateMachine:<parent>/<label>`): the Map's label. */
  label?: string;
}

export interface CreateStateMachineProps {
  name: string;
  definition: string;
  roleArn?: string;
  type?: string;
  loggingConfiguration?: LoggingConfiguration;
  tracingConfiguration?: TracingConfiguration;
  tags?: Tag[];
  publish?: boolean;
  versionDescription?: string;
}

export interface UpdateStateMachineProps {
  stateMachineArn: string;
  definition?: string;
  roleArn?: string;
  loggingConfiguration?: LoggingConfiguration;
  tracingConfiguration?: TracingConfiguration;
  publish?: boolean;
  versionDescription?: string;
}

/** The created machine (or, with publish, the version made of it). */
export interface MachineChange {
  machine: StateMachineRecord;
  version?: StateMachineRecord;
}

function checkDefinition(definition: string, type: StateMachineRecord['type']): StateMachineDefinition {
  if (payloadSize(definition) > LOCAL_LIMITS.definitionMaxBytes) {
    throw new SfnApiError('InvalidDefinition', `Definition is larger than ${LOCAL_LIMITS.definitionMaxBytes} bytes`);
  }
  const v = validateDefinition(definition);
  if (!v.ok) throw new SfnApiError('InvalidDefinition', describeProblems(v.problems));
  const problems = type === 'EXPRESS' ? expressProblems(v.definition) : [];
  if (problems.length > 0) throw new SfnApiError('InvalidDefinition', describeProblems(problems));
  return v.definition;
}

/** State machines, their published versions and their tags. */
export class StateMachineStore {
  private readonly machines = new Map<string, StateMachineRecord>();
  private readonly versions = new Map<string, StateMachineRecord[]>();
  private readonly tags = new Map<string, Map<string, string>>();

  constructor(private readonly clock: Clock, private readonly region: string, private readonly accountId: string) {}

  /** Idempotent on name, definition, type, logging and tracing; a differing roleArn or tags are ignored, as on AWS. */
  create(props: CreateStateMachineProps): MachineChange {
    checkName(props.name, LOCAL_LIMITS.stateMachineNameMaxLength, 'state machine');
    const type = props.type ?? 'STANDARD';
    if (type !== 'STANDARD' && type !== 'EXPRESS') throw new SfnApiError('ValidationException', `Invalid type '${type}': STANDARD or EXPRESS`);
    const parsed = checkDefinition(props.definition, type);
    const logging = props.loggingConfiguration ?? LOGGING_OFF;
    const tracing = props.tracingConfiguration ?? TRACING_OFF;
    const arn = `arn:aws:states:${this.region}:${this.accountId}:stateMachine:${props.name}`;
    const existing = this.machines.get(arn);
    if (existing) {
      const same =
        existing.definition === props.definition && existing.type === type && sameConfig(existing.loggingConfiguration, logging) && sameConfig(existing.tracingConfiguration, tracing);
      if (!same) throw new SfnApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
      return { machine: existing };
    }
    const tags = mergeTags(new Map(), props.tags ?? [], arn);
    const now = new Date(this.clock.now());
    const machine: StateMachineRecord = {
      stateMachineArn: arn,
      name: props.name,
      definition: props.definition,
      parsed,
      roleArn: props.roleArn ?? `arn:aws:iam::${this.accountId}:role/local-step-functions`,
      type,
      creationDate: now,
      loggingConfiguration: logging,
      tracingConfiguration: tracing,
      updateDate: now,
      revisionId: randomUUID(),
    };
    this.machines.set(arn, machine);
    this.tags.set(arn, tags);
    return props.publish ? { machine, version: this.publish(machine, props.versionDescription) } : { machine };
  }

  /** New executions run the new revision; running ones keep the one they started with. */
  update(props: UpdateStateMachineProps): MachineChange {
    const current = this.describe(props.stateMachineArn);
    if (current.version !== undefined) throw new SfnApiError('ValidationException', `A state machine version cannot be updated: '${props.stateMachineArn}'`);
    if (props.definition === undefined && props.roleArn === undefined && !props.loggingConfiguration && !props.tracingConfiguration) {
      throw new SfnApiError('MissingRequiredParameter', 'Either the definition, the roleArn, the loggingConfiguration or the tracingConfiguration must be specified');
    }
    const machine: StateMachineRecord = {
      ...current,
      updateDate: new Date(this.clock.now()),
      revisionId: randomUUID(),
    };
    if (props.definition !== undefined) {
      machine.parsed = checkDefinition(props.definition, current.type);
      machine.definition = props.definition;
    }
    if (props.roleArn !== undefined) machine.roleArn = props.roleArn;
    if (props.loggingConfiguration) machine.loggingConfiguration = props.loggingConfiguration;
    if (props.tracingConfiguration) machine.tracingConfiguration = props.tracingConfiguration;
    this.machines.set(machine.stateMachineArn, machine);
    return props.publish ? { machine, version: this.publish(machine, props.versionDescription) } : { machine };
  }

  private publish(machine: StateMachineRecord, description: string | undefined): StateMachineRecord {
    const list = this.versions.get(machine.stateMachineArn) ?? [];
    const number = list.length + 1;
    const version: StateMachineRecord = { ...machine, stateMachineArn: `${machine.stateMachineArn}:${number}`, creationDate: machine.updateDate, version: number };
    if (description !== undefined) version.description = description;
    list.push(version);
    this.versions.set(machine.stateMachineArn, list);
    return version;
  }

  /** A state machine, or one of its versions by its qualified ARN (`…:stateMachine:name:3`). */
  describe(arn: string): StateMachineRecord {
    checkArn(arn, 'stateMachine');
    const found = this.machines.get(arn) ?? this.findVersion(arn);
    if (!found) throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return found;
  }

  private findVersion(arn: string): StateMachineRecord | undefined {
    const m = /^(.*):(\d+)$/.exec(arn);
    return m ? this.versions.get(m[1] as string)?.[Number(m[2]) - 1] : undefined;
  }

  delete(arn: string): void {
    checkArn(arn, 'stateMachine');
    this.machines.delete(arn);
    this.versions.delete(arn);
    this.tags.delete(arn);
  }

  list(): StateMachineRecord[] {
    return [...this.machines.values()];
  }

  /** A resource's tags; ResourceNotFound for an ARN that names no state machine. */
  tagsOf(resourceArn: string): Map<string, string> {
    checkArn(resourceArn, 'resource');
    const tags = this.tags.get(resourceArn);
    if (!tags) throw new SfnApiError('ResourceNotFound', `Resource not found: '${resourceArn}'`, { resourceName: resourceArn });
    return tags;
  }

  tag(resourceArn: string, tags: readonly Tag[]): void {
    this.tags.set(resourceArn, mergeTags(this.tagsOf(resourceArn), tags, resourceArn));
  }

  untag(resourceArn: string, keys: readonly string[]): void {
    const tags = this.tagsOf(resourceArn);
    for (const k of keys) tags.delete(k);
  }
}
