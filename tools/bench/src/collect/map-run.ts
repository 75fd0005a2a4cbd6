/**
 * What a Distributed Map leaves outside its parent's history: its Map Run (DescribeMapRun: item
 * and child execution counts) and the ResultWriter's manifest and result files in S3 (each child
 * execution's input, output, status, StartDate and StopDate), read with the target's credentials.
 * What cannot be read is said in `notes`, and the run is measured without it.
 */
import { DescribeMapRunCommand } from '@aws-sdk/client-sfn';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { ResultManifestSchema, toIssues } from '@fanout/shared-types';
import * as v from 'valibot';
import type { BenchClients } from '../aws/clients';
import { type HistoryEvent } from '../measure/history';
import type { MapRunObservation, ResultFileStatus } from '../measure/map-run';

const errorText = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** The Map Run the history names (MapRunStarted), if the Map got that far. */
export function mapRunArnOf(history: readonly HistoryEvent[]): string | undefined {
  const arn = history.find((e) => e.type === 'MapRunStarted')?.details['mapRunArn'];
  return typeof arn === 'string' ? arn : undefined;
}

/**
 * Where the ResultWriter put the manifest: the Distributed Map's output as the history holds it
 * (`ResultWriterDetails`, or infra's ResultSelector's `resultWriterDetails`).
 */
export function resultWriterDetailsOf(history: readonly HistoryEvent[]): { bucket: string; key: string } | undefined {
  for (const event of history) {
    if (event.type !== 'MapStateExited' || typeof event.details['output'] !== 'string') continue;
    try {
      const output = JSON.parse(event.details['output']) as Record<string, { Bucket?: unknown; Key?: unknown } | undefined>;
      const details = output['ResultWriterDetails'] ?? output['resultWriterDetails'];
      if (typeof details?.Bucket === 'string' && typeof details.Key === 'string') return { bucket: details.Bucket, key: details.Key };
    } catch {
      // an output that is not JSON names no manifest
    }
  }
  return undefined;
}

async function getText(clients: BenchClients, bucket: string, key: string): Promise<string> {
  const object = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await object.Body?.transformToString('utf-8')) ?? '';
}

async function describe(clients: BenchClients, mapRunArn: string, notes: string[]): Promise<MapRunObservation['described']> {
  try {
    const { $metadata: _metadata, ...described } = await clients.sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    // Dates as ISO text, as the saved raw file holds them.
    return JSON.parse(JSON.stringify(described)) as MapRunObservation['described'];
  } catch (error) {
    notes.push(`DescribeMapRun on ${mapRunArn} failed (${errorText(error)}): Map Run counts not read`);
    return undefined;
  }
}

async function readResults(clients: BenchClients, writer: { bucket: string; key: string }, notes: string[]): Promise<Pick<MapRunObservation, 'manifest' | 'resultFiles'>> {
  const where = `s3://${writer.bucket}/${writer.key}`;
  let manifest: v.InferOutput<typeof ResultManifestSchema>;
  try {
    const parsed = v.safeParse(ResultManifestSchema, JSON.parse(await getText(clients, writer.bucket, writer.key)));
    if (!parsed.success) throw new Error(toIssues(parsed.issues).map((i) => `${i.path || '(root)'}: ${i.message}`).join('; '));
    manifest = parsed.output;
  } catch (error) {
    notes.push(`the ResultWriter manifest ${where} could not be read (${errorText(error)}): no child execution measured`);
    return { resultFiles: [] };
  }
  const resultFiles: MapRunObservation['resultFiles'] = [];
  const statuses: ResultFileStatus[] = ['SUCCEEDED', 'FAILED', 'PENDING'];
  for (const status of statuses) {
    for (const file of manifest.ResultFiles[status]) {
      try {
        resultFiles.push({ key: file.Key, status, entries: JSON.parse(await getText(clients, manifest.DestinationBucket, file.Key)) as unknown });
      } catch (error) {
        notes.push(`result file s3://${manifest.DestinationBucket}/${file.Key} could not be read (${errorText(error)}): its children are not measured`);
      }
    }
  }
  const files = { SUCCEEDED: manifest.ResultFiles.SUCCEEDED.length, FAILED: manifest.ResultFiles.FAILED.length, PENDING: manifest.ResultFiles.PENDING.length };
  return { manifest: { bucket: writer.bucket, key: writer.key, destinationBucket: manifest.DestinationBucket, files }, resultFiles };
}

/** The Map Run of a finished execution and every result file its manifest lists. */
export async function collectMapRun(clients: BenchClients, history: readonly HistoryEvent[]): Promise<MapRunObservation> {
  const notes: string[] = [];
  const mapRunArn = mapRunArnOf(history);
  if (mapRunArn === undefined) return { resultFiles: [], notes: ['no MapRunStarted in the history: the Distributed Map never started'] };
  const described = await describe(clients, mapRunArn, notes);
  const writer = resultWriterDetailsOf(history);
  if (writer === undefined) {
    notes.push('the Distributed Map left no ResultWriterDetails in the history (it did not end normally): no child execution measured');
    return { mapRunArn, ...(described ? { described } : {}), resultFiles: [], notes };
  }
  return { mapRunArn, ...(described ? { described } : {}), ...(await readResults(clients, writer, notes)), notes };
}
