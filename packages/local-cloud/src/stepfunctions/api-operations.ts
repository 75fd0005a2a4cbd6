import type { Caller } from '../core/caller';
import { SfnApiError } from './engine/api-errors';
import type { ExecutionRecord, ExecutionStatus, StateMachineRecord, StepFunctionsEngine } from './engine/engine';
import type { HistoryEvent } from './engine/history';
import { LOCAL_LIMITS } from './limits';

type Body = Record<string, unknown>;

/** JSON 1.0 timestamps travel as epoch seconds with a fraction. */
const epoch = (d: Date | undefined): number | undefined => (d ? d.getTime() / 1000 : undefined);

function str(body: Body, field: string): string {
  const v = body[field];
  if (v !== undefined && v !== null && typeof v !== 'string') {
    throw new SfnApiError('SerializationException', `Value at '${field}' must be a string, got ${typeof v}`);
  }
  if (typeof v !== 'string' || v === '')
    throw new SfnApiError('ValidationException', `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must not be null`);
  return v;
}
function optStr(body: Body, field: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new SfnApiError('SerializationException', `Value at '${field}' must be a string, got ${typeof v}`);
  return v;
}
function optNum(body: Body, field: string): number | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > LOCAL_LIMITS.maxResults) {
    throw new SfnApiError('ValidationException', `Value at '${field}' must be an integer from 0 to ${LOCAL_LIMITS.maxResults}`);
  }
  return v;
}
function optBool(body: Body, field: string): boolean | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new SfnApiError('ValidationException', `Value at '${field}' must be a boolean`);
  return v;
}

/** Drops undefined members so responses carry only what is set. */
function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/** Offset pagination shared by the List* operations. */
function paginate<T>(items: T[], body: Body): { page: T[]; nextToken?: string } {
  const max = optNum(body, 'maxResults') || LOCAL_LIMITS.defaultPageSize;
  const token = optStr(body, 'nextToken');
  let offset = 0;
  if (token !== undefined) {
    const m = /^p(\d+)$/.exec(token);
    if (!m) throw new SfnApiError('InvalidToken', `Invalid Token: '${token}'`);
    offset = Number(m[1]);
  }
  const page = items.slice(offset, offset + max);
  return offset + max < items.length ? { page, nextToken: `p${offset + max}` } : { page };
}

function executionSummary(e: ExecutionRecord): Body {
  return compact({
    executionArn: e.executionArn,
    stateMachineArn: e.stateMachineArn,
    name: e.name,
    status: e.status,
    startDate: epoch(e.startDate),
    stopDate: epoch(e.stopDate),
  });
}

function describeMachine(m: StateMachineRecord): Body {
  return {
    stateMachineArn: m.stateMachineArn,
    name: m.name,
    status: 'ACTIVE',
    definition: m.definition,
    roleArn: m.roleArn,
    type: m.type,
    creationDate: epoch(m.creationDate),
    loggingConfiguration: { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: { enabled: false },
  };
}

function wireEvent(ev: HistoryEvent): Body {
  return { ...ev, timestamp: ev.timestamp.getTime() / 1000 };
}

const STATUSES: ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

/** Dispatches one API operation; throws SfnApiError for AWS-shaped rejections. */
export function handleOperation(engine: StepFunctionsEngine, operation: string, body: Body, _caller?: Caller): Body {
  switch (operation) {
    case 'CreateStateMachine': {
      const m = engine.createStateMachine(
        compact({ name: str(body, 'name'), definition: str(body, 'definition'), roleArn: optStr(body, 'roleArn'), type: optStr(body, 'type') }) as {
          name: string;
          definition: string;
        }
      );
      return { stateMachineArn: m.stateMachineArn, creationDate: epoch(m.creationDate) };
    }
    case 'DescribeStateMachine':
      return describeMachine(engine.describeStateMachine(str(body, 'stateMachineArn')));
    case 'DeleteStateMachine':
      engine.deleteStateMachine(str(body, 'stateMachineArn'));
      return {};
    case 'ListStateMachines': {
      const { page, nextToken } = paginate(engine.listStateMachines(), body);
      return compact({
        stateMachines: page.map((m) => ({ stateMachineArn: m.stateMachineArn, name: m.name, type: m.type, creationDate: epoch(m.creationDate) })),
        nextToken,
      });
    }
    case 'ValidateStateMachineDefinition': {
      const r = engine.validateDefinition(str(body, 'definition'));
      return {
        result: r.result,
        diagnostics: r.diagnostics.map((d) => ({ severity: 'ERROR', code: d.message.split(':')[0] ?? 'INVALID', message: d.message, location: d.path })),
        truncated: false,
      };
    }
    case 'StartExecution': {
      const e = engine.startExecution(
        compact({ stateMachineArn: str(body, 'stateMachineArn'), name: optStr(body, 'name'), input: optStr(body, 'input') }) as { stateMachineArn: string }
      );
      return { executionArn: e.executionArn, startDate: epoch(e.startDate) };
    }
    case 'DescribeExecution': {
      const e = engine.describeExecution(str(body, 'executionArn'));
      return compact({
        ...executionSummary(e),
        input: e.input,
        inputDetails: { included: true },
        output: e.output,
        outputDetails: e.output !== undefined ? { included: true } : undefined,
        error: e.error,
        cause: e.cause,
        redriveCount: 0,
        redriveStatus: 'NOT_REDRIVABLE',
      });
    }
    case 'StopExecution':
      return { stopDate: epoch(engine.stopExecution(str(body, 'executionArn'), optStr(body, 'error'), optStr(body, 'cause'))) };
    case 'ListExecutions': {
      const filter = optStr(body, 'statusFilter');
      if (filter !== undefined && !STATUSES.includes(filter as ExecutionStatus)) {
        throw new SfnApiError('ValidationException', `Value '${filter}' at 'statusFilter' must be one of ${STATUSES.join(', ')}`);
      }
      const { page, nextToken } = paginate(engine.listExecutions(str(body, 'stateMachineArn'), filter as ExecutionStatus | undefined), body);
      return compact({ executions: page.map(executionSummary), nextToken });
    }
    case 'GetExecutionHistory': {
      const page = engine.getExecutionHistory(
        str(body, 'executionArn'),
        compact({
          maxResults: optNum(body, 'maxResults'),
          nextToken: optStr(body, 'nextToken'),
          reverseOrder: optBool(body, 'reverseOrder'),
          includeExecutionData: optBool(body, 'includeExecutionData'),
        }) as Parameters<StepFunctionsEngine['getExecutionHistory']>[1]
      );
      return compact({ events: page.events.map(wireEvent), nextToken: page.nextToken });
    }
    case 'SendTaskSuccess':
      engine.sendTaskSuccess(str(body, 'taskToken'), str(body, 'output'));
      return {};
    case 'SendTaskFailure':
      engine.sendTaskFailure(str(body, 'taskToken'), optStr(body, 'error'), optStr(body, 'cause'));
      return {};
    case 'SendTaskHeartbeat':
      engine.sendTaskHeartbeat(str(body, 'taskToken'));
      return {};
    default:
      throw new SfnApiError('UnknownOperationException', `Operation '${operation}' is not supported by the local Step Functions endpoint`);
  }
}
