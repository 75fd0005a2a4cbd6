import { createHash, randomUUID } from 'node:crypto';
import type { StateMachineDefinition } from '../../asl/types';
import { TRACING_OFF } from '../machine-config';
import type { StateMachineRecord } from '../state-machines';
import type { ExecutionIdentity } from '../step-context';

export type ChildExecutionType = 'STANDARD' | 'EXPRESS';

/** The names a Map Run goes by, as AWS forms them. */
export interface MapRunNames {
  label: string;
  /** `arn:aws:states:r:a:mapRun:<parent>/<label>:<uuid>`. */
  mapRunArn: string;
  /** `<parent>/<label>`: the child state machine's name. */
  childMachineName: string;
  /** `arn:aws:states:r:a:stateMachine:<parent>/<label>`. */
  childMachineArn: string;
}

/**
 * The label AWS gives a Distributed Map that states none: a name-based (version 3) UUID, here of
 * the parent state machine and the state's name, so every Map Run of one state shares it.
 */
export function defaultLabel(stateMachineArn: string, stateName: string): string {
  const b = createHash('md5').update(`${stateMachineArn}#${stateName}`).digest();
  b[6] = ((b[6] as number) & 0x0f) | 0x30;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function mapRunNames(identity: ExecutionIdentity, label: string, region: string, accountId: string): MapRunNames {
  const childMachineName = `${identity.stateMachineName}/${label}`;
  const base = `arn:aws:states:${region}:${accountId}`;
  return { label, mapRunArn: `${base}:mapRun:${childMachineName}:${randomUUID()}`, childMachineName, childMachineArn: `${base}:stateMachine:${childMachineName}` };
}

/**
 * The state machine a Map Run's children run: the ItemProcessor's states, the parent's role (AWS
 * runs children with it), the parent's logging and tracing (DescribeStateMachineForExecution of a
 * child returns the parent's configuration), typed as ProcessorConfig.ExecutionType says.
 */
export function childMachine(names: MapRunNames, processor: StateMachineDefinition, type: ChildExecutionType, identity: ExecutionIdentity, now: Date): StateMachineRecord {
  const parsed: StateMachineDefinition = { StartAt: processor.StartAt, States: processor.States };
  return {
    stateMachineArn: names.childMachineArn,
    name: names.childMachineName,
    definition: JSON.stringify(parsed),
    parsed,
    roleArn: identity.roleArn,
    type,
    creationDate: now,
    loggingConfiguration: identity.loggingConfiguration,
    tracingConfiguration: identity.traceRoot === undefined ? TRACING_OFF : { enabled: true },
    updateDate: now,
    revisionId: randomUUID(),
    label: names.label,
  };
}

/**
 * A child's ARN: `…:execution:<parent>/<label>:<name>` for STANDARD children,
 * `…:express:<parent>/<label>:<name>:<uuid>` for EXPRESS ones.
 */
export function childExecutionArn(names: MapRunNames, type: ChildExecutionType, name: string): string {
  const prefix = names.childMachineArn.replace(':stateMachine:', type === 'EXPRESS' ? ':express:' : ':execution:');
  return type === 'EXPRESS' ? `${prefix}:${name}:${randomUUID()}` : `${prefix}:${name}`;
}
