import { SfnApiError } from '../api-errors';
import { checkArn } from '../names';
import { MapRun, type MapRunProps } from './map-run';

/** UpdateMapRun's settings; each one optional, at least one given. */
export interface MapRunUpdate {
  mapRunArn: string;
  maxConcurrency?: number;
  toleratedFailureCount?: number;
  toleratedFailurePercentage?: number;
}

function invalid(message: string): never {
  throw new SfnApiError('ValidationException', message);
}

/** Every Map Run of the engine, by ARN and by the execution that started it. */
export class MapRunStore {
  private readonly runs = new Map<string, MapRun>();
  private readonly byExecution = new Map<string, MapRun[]>();

  create(props: MapRunProps): MapRun {
    const run = new MapRun(props);
    this.runs.set(run.mapRunArn, run);
    const list = this.byExecution.get(run.executionArn) ?? [];
    list.push(run);
    this.byExecution.set(run.executionArn, list);
    return run;
  }

  /** DescribeMapRun: InvalidArn for text that is not a Map Run ARN, ResourceNotFound for an unknown one. */
  describe(mapRunArn: string): MapRun {
    checkArn(mapRunArn, 'mapRun');
    const run = this.runs.get(mapRunArn);
    if (!run) throw new SfnApiError('ResourceNotFound', `Resource not found: '${mapRunArn}'`, { resourceName: mapRunArn });
    return run;
  }

  /** ListMapRuns: the execution's Map Runs, oldest first (the caller checks the execution exists). */
  listFor(executionArn: string): MapRun[] {
    return [...(this.byExecution.get(executionArn) ?? [])];
  }

  /** UpdateMapRun: bounds as the API reference gives them; a Map Run that has ended takes no update. */
  update(change: MapRunUpdate): void {
    const run = this.describe(change.mapRunArn);
    const { maxConcurrency, toleratedFailureCount, toleratedFailurePercentage } = change;
    if (maxConcurrency === undefined && toleratedFailureCount === undefined && toleratedFailurePercentage === undefined) {
      invalid('UpdateMapRun needs at least one of maxConcurrency, toleratedFailureCount, toleratedFailurePercentage');
    }
    if (maxConcurrency !== undefined && !(Number.isInteger(maxConcurrency) && maxConcurrency >= 0)) {
      invalid(`1 validation error detected: Value '${maxConcurrency}' at 'maxConcurrency' failed to satisfy constraint: Member must have value greater than or equal to 0`);
    }
    if (toleratedFailureCount !== undefined && !(Number.isInteger(toleratedFailureCount) && toleratedFailureCount >= 0)) {
      invalid(`1 validation error detected: Value '${toleratedFailureCount}' at 'toleratedFailureCount' failed to satisfy constraint: Member must have value greater than or equal to 0`);
    }
    if (toleratedFailurePercentage !== undefined && !(toleratedFailurePercentage >= 0 && toleratedFailurePercentage <= 100)) {
      invalid(`1 validation error detected: Value '${toleratedFailurePercentage}' at 'toleratedFailurePercentage' failed to satisfy constraint: Member must have value between 0 and 100`);
    }
    if (run.status !== 'RUNNING') invalid(`Map Run '${run.mapRunArn}' has ended (${run.status}): only a running Map Run can be updated`);
    run.update({ maxConcurrency, toleratedFailureCount, toleratedFailurePercentage });
  }
}
