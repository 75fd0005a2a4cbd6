import { SfnApiError } from '../engine/api-errors';
import type { MapRun, StepFunctionsEngine } from '../engine/engine';
import { compact, epoch, paginate, str, type Body } from './wire';

/** A number member that may be fractional (toleratedFailurePercentage). */
function optFloat(body: Body, field: string): number | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new SfnApiError('SerializationException', `Value at '${field}' must be a number`);
  return v;
}

/** An integer member with no upper bound of its own (UpdateMapRun checks the bounds). */
function optInt(body: Body, field: string): number | undefined {
  const v = optFloat(body, field);
  if (v !== undefined && !Number.isInteger(v)) throw new SfnApiError('SerializationException', `Value at '${field}' must be an integer`);
  return v;
}

function mapRunListItem(run: MapRun): Body {
  return compact({ executionArn: run.executionArn, mapRunArn: run.mapRunArn, stateMachineArn: run.stateMachineArn, startDate: epoch(run.startDate), stopDate: epoch(run.stopDate) });
}

type Handler = (engine: StepFunctionsEngine, body: Body) => Body;

/** DescribeMapRun, ListMapRuns, UpdateMapRun. */
export const MAP_RUN_OPERATIONS: Readonly<Record<string, Handler>> = {
  DescribeMapRun(engine, body) {
    const run = engine.describeMapRun(str(body, 'mapRunArn'));
    return compact({
      mapRunArn: run.mapRunArn,
      executionArn: run.executionArn,
      status: run.status,
      startDate: epoch(run.startDate),
      stopDate: epoch(run.stopDate),
      maxConcurrency: run.maxConcurrency,
      toleratedFailurePercentage: run.tolerance.percentage ?? 0,
      toleratedFailureCount: run.tolerance.count ?? 0,
      itemCounts: { ...run.itemCounts },
      executionCounts: { ...run.executionCounts },
      redriveCount: 0,
    });
  },
  ListMapRuns(engine, body) {
    const { page, nextToken } = paginate(engine.listMapRuns(str(body, 'executionArn')), body);
    return compact({ mapRuns: page.map(mapRunListItem), nextToken });
  },
  UpdateMapRun(engine, body) {
    engine.updateMapRun(
      compact({
        mapRunArn: str(body, 'mapRunArn'),
        maxConcurrency: optInt(body, 'maxConcurrency'),
        toleratedFailureCount: optInt(body, 'toleratedFailureCount'),
        toleratedFailurePercentage: optFloat(body, 'toleratedFailurePercentage'),
      }) as { mapRunArn: string }
    );
    return {};
  },
};
