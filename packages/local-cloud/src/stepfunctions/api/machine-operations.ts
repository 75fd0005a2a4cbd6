import type { StepFunctionsEngine } from '../engine/engine';
import { parseLogging, parseTags, parseTracing } from '../engine/machine-config';
import type { MachineChange, StateMachineRecord } from '../engine/state-machines';
import { compact, epoch, optBool, optStr, paginate, str, strList, type Body } from './wire';

/** loggingConfiguration / tracingConfiguration / publish as Create and Update take them (only the members sent). */
function config(body: Body): Body {
  return compact({
    loggingConfiguration: body['loggingConfiguration'] === undefined ? undefined : parseLogging(body['loggingConfiguration']),
    tracingConfiguration: body['tracingConfiguration'] === undefined ? undefined : parseTracing(body['tracingConfiguration']),
    publish: optBool(body, 'publish'),
    versionDescription: optStr(body, 'versionDescription'),
  });
}

function machineConfig(m: StateMachineRecord): Body {
  return {
    stateMachineArn: m.stateMachineArn,
    name: m.name,
    definition: m.definition,
    roleArn: m.roleArn,
    loggingConfiguration: m.loggingConfiguration,
    tracingConfiguration: m.tracingConfiguration,
    revisionId: m.revisionId,
  };
}

function versionArn(change: MachineChange): Body {
  return compact({ stateMachineVersionArn: change.version?.stateMachineArn });
}

type Handler = (engine: StepFunctionsEngine, body: Body) => Body;

/** State machine operations: create, describe, update, delete, list, validate, and tags. */
export const MACHINE_OPERATIONS: Readonly<Record<string, Handler>> = {
  CreateStateMachine(engine, body) {
    const change = engine.createStateMachineVersioned({
      ...(compact({ roleArn: optStr(body, 'roleArn'), type: optStr(body, 'type') }) as { roleArn?: string; type?: string }),
      ...config(body),
      ...(body['tags'] === undefined ? {} : { tags: parseTags(body['tags']) }),
      name: str(body, 'name'),
      definition: str(body, 'definition'),
    });
    return { stateMachineArn: change.machine.stateMachineArn, creationDate: epoch(change.machine.creationDate), ...versionArn(change) };
  },
  DescribeStateMachine(engine, body) {
    const m = engine.describeStateMachine(str(body, 'stateMachineArn'));
    return compact({ ...machineConfig(m), status: 'ACTIVE', type: m.type, creationDate: epoch(m.creationDate), description: m.description });
  },
  /** A Distributed Map's child also names its Map Run and the Map's label. */
  DescribeStateMachineForExecution(engine, body) {
    const arn = str(body, 'executionArn');
    const m = engine.describeStateMachineForExecution(arn);
    return compact({ ...machineConfig(m), updateDate: epoch(m.updateDate), mapRunArn: engine.describeExecution(arn).mapRunArn, label: m.label });
  },
  UpdateStateMachine(engine, body) {
    const change = engine.updateStateMachine({
      ...(compact({ definition: optStr(body, 'definition'), roleArn: optStr(body, 'roleArn') }) as { definition?: string; roleArn?: string }),
      ...config(body),
      stateMachineArn: str(body, 'stateMachineArn'),
    });
    return { updateDate: epoch(change.machine.updateDate), revisionId: change.machine.revisionId, ...versionArn(change) };
  },
  DeleteStateMachine(engine, body) {
    engine.deleteStateMachine(str(body, 'stateMachineArn'));
    return {};
  },
  ListStateMachines(engine, body) {
    const { page, nextToken } = paginate(engine.listStateMachines(), body);
    return compact({
      stateMachines: page.map((m) => ({ stateMachineArn: m.stateMachineArn, name: m.name, type: m.type, creationDate: epoch(m.creationDate) })),
      nextToken,
    });
  },
  ValidateStateMachineDefinition(engine, body) {
    const r = engine.validateDefinition(str(body, 'definition'));
    return {
      result: r.result,
      diagnostics: r.diagnostics.map((d) => ({ severity: 'ERROR', code: d.message.split(':')[0] ?? 'INVALID', message: d.message, location: d.path })),
      truncated: false,
    };
  },
  ListTagsForResource(engine, body) {
    return { tags: engine.listTags(str(body, 'resourceArn')) };
  },
  TagResource(engine, body) {
    const resourceArn = str(body, 'resourceArn');
    engine.tagResource(resourceArn, parseTags(body['tags'] ?? null));
    return {};
  },
  UntagResource(engine, body) {
    engine.untagResource(str(body, 'resourceArn'), strList(body, 'tagKeys'));
    return {};
  },
};
