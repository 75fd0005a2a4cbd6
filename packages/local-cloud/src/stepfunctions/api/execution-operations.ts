import { SfnApiError } from '../engine/api-errors';
import type { ExecutionRecord, ExecutionStatus, StepFunctionsEngine } from '../engine/engine';
import type { HistoryEvent } from '../engine/history';
import { compact, epoch, optBool, optNum, optStr, paginate, str, type Body } from './wire';

const STATUSES: ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

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

function wireEvent(ev: HistoryEvent): Body {
  return { ...ev, timestamp: ev.timestamp.getTime() / 1000 };
}

type Handler = (engine: StepFunctionsEngine, body: Body) => Body;

/** Execution operations: start, describe, stop, list, history, and the task-token callbacks. */
export const EXECUTION_OPERATIONS: Readonly<Record<string, Handler>> = {
  StartExecution(engine, body) {
    const e = engine.startExecution({
      ...(compact({ name: optStr(body, 'name'), input: optStr(body, 'input'), traceHeader: optStr(body, 'traceHeader') }) as { name?: string; input?: string }),
      stateMachineArn: str(body, 'stateMachineArn'),
    });
    return { executionArn: e.executionArn, startDate: epoch(e.startDate) };
  },
  DescribeExecution(engine, body) {
    const e = engine.describeExecution(str(body, 'executionArn'));
    return compact({
      ...executionSummary(e),
      input: e.input,
      inputDetails: { included: true },
      output: e.output,
      outputDetails: e.output !== undefined ? { included: true } : undefined,
      error: e.error,
      cause: e.cause,
      traceHeader: e.traceHeader,
      mapRunArn: e.mapRunArn,
      redriveCount: 0,
      redriveStatus: 'NOT_REDRIVABLE',
    });
  },
  StopExecution(engine, body) {
    return { stopDate: epoch(engine.stopExecution(str(body, 'executionArn'), optStr(body, 'error'), optStr(body, 'cause'))) };
  },
  /** By state machine, or by Map Run (its children, with their mapRunArn and itemCount): one of the two. */
  ListExecutions(engine, body) {
    const filter = optStr(body, 'statusFilter');
    if (filter !== undefined && !STATUSES.includes(filter as ExecutionStatus)) {
      throw new SfnApiError('ValidationException', `Value '${filter}' at 'statusFilter' must be one of ${STATUSES.join(', ')}`);
    }
    const status = filter as ExecutionStatus | undefined;
    const mapRunArn = optStr(body, 'mapRunArn');
    if (mapRunArn === undefined) {
      const { page, nextToken } = paginate(engine.listExecutions(str(body, 'stateMachineArn'), status), body);
      return compact({ executions: page.map(executionSummary), nextToken });
    }
    if (optStr(body, 'stateMachineArn') !== undefined) throw new SfnApiError('ValidationException', 'Specify either a stateMachineArn or a mapRunArn, not both');
    const { page, nextToken } = paginate(engine.listMapRunExecutions(mapRunArn, status), body);
    return compact({ executions: page.map((e) => ({ ...executionSummary(e), mapRunArn: e.mapRunArn, itemCount: e.itemCount })), nextToken });
  },
  GetExecutionHistory(engine, body) {
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
  },
  SendTaskSuccess(engine, body) {
    engine.sendTaskSuccess(str(body, 'taskToken'), str(body, 'output'));
    return {};
  },
  SendTaskFailure(engine, body) {
    engine.sendTaskFailure(str(body, 'taskToken'), optStr(body, 'error'), optStr(body, 'cause'));
    return {};
  },
  SendTaskHeartbeat(engine, body) {
    engine.sendTaskHeartbeat(str(body, 'taskToken'));
    return {};
  },
};
