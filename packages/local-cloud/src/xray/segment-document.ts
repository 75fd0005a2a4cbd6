import { XRAY_LIMITS, type XRayLimits } from './limits';
import { SEGMENT_ID, TRACE_ID } from './trace-header';

/** Why a segment document was refused. */
export type RejectionReason = 'DocumentTooLarge' | 'MalformedJson' | 'InvalidSegment';

export class SegmentDocumentError extends Error {
  override readonly name = 'SegmentDocumentError';
  constructor(
    readonly reason: RejectionReason,
    message: string,
    /** The document's id, when it could be read. */
    readonly id?: string,
  ) {
    super(message);
  }
}

export type AnnotationValue = string | number | boolean;
type Json = Record<string, unknown>;

/** One stored document: a whole segment (subsegments embedded) or an independent subsegment. */
export interface SegmentRecord {
  readonly kind: 'segment' | 'subsegment';
  readonly id: string;
  readonly traceId: string;
  /** A segment's upstream caller, or an independent subsegment's parent (segment or subsegment). */
  readonly parentId: string | undefined;
  readonly name: string;
  /** Epoch seconds, as in the document. */
  readonly startTime: number;
  readonly endTime: number | undefined;
  readonly inProgress: boolean;
  readonly document: Json;
}

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Checks the fields every segment and subsegment needs, then its annotations and children. */
function checkEntity(doc: Json, path: string, isSegment: boolean, limits: XRayLimits): void {
  const id = doc['id'];
  if (typeof id !== 'string' || !SEGMENT_ID.test(id)) throw new SegmentDocumentError('InvalidSegment', `${path}.id must be 16 lowercase hexadecimal digits, got ${JSON.stringify(id)}`);
  const name = doc['name'];
  const maxName = isSegment ? limits.segmentNameMaxLength : limits.stringMaxLength;
  if (typeof name !== 'string' || name.length < 1 || name.length > maxName) {
    throw new SegmentDocumentError('InvalidSegment', `${path}.name must be a string of 1 to ${maxName} characters, got ${JSON.stringify(name)}`, id);
  }
  // Segment names: Unicode letters, numbers, whitespace and _ . : / % & # = + \ - @ (X-Ray Developer Guide).
  if (isSegment && !/^[\p{L}\p{N}\s_.:/%&#=+\\\-@]+$/u.test(name)) throw new SegmentDocumentError('InvalidSegment', `${path}.name holds characters a segment name may not: ${JSON.stringify(name)}`, id);
  if (typeof doc['start_time'] !== 'number') throw new SegmentDocumentError('InvalidSegment', `${path}.start_time must be a number (epoch seconds), got ${JSON.stringify(doc['start_time'])}`, id);
  const end = doc['end_time'];
  if (end !== undefined && typeof end !== 'number') throw new SegmentDocumentError('InvalidSegment', `${path}.end_time must be a number (epoch seconds), got ${JSON.stringify(end)}`, id);
  if (end === undefined && doc['in_progress'] !== true) throw new SegmentDocumentError('InvalidSegment', `${path} needs an end_time or in_progress: true`, id);
  const annotations = doc['annotations'];
  if (annotations !== undefined) {
    if (!isObject(annotations)) throw new SegmentDocumentError('InvalidSegment', `${path}.annotations must be an object`, id);
    for (const [key, value] of Object.entries(annotations)) {
      if (typeof value !== 'string' && typeof value !== 'boolean' && !(typeof value === 'number' && Number.isFinite(value))) {
        throw new SegmentDocumentError('InvalidSegment', `${path}.annotations.${key} must be a string, number or boolean, got ${JSON.stringify(value)}`, id);
      }
    }
  }
  if (doc['metadata'] !== undefined && !isObject(doc['metadata'])) throw new SegmentDocumentError('InvalidSegment', `${path}.metadata must be an object`, id);
  const subsegments = doc['subsegments'];
  if (subsegments !== undefined) {
    if (!Array.isArray(subsegments)) throw new SegmentDocumentError('InvalidSegment', `${path}.subsegments must be an array`, id);
    subsegments.forEach((sub: unknown, i) => {
      if (!isObject(sub)) throw new SegmentDocumentError('InvalidSegment', `${path}.subsegments[${i}] must be an object`, id);
      checkEntity(sub, `${path}.subsegments[${i}]`, false, limits);
    });
  }
}

function toRecord(doc: Json, path: string, limits: XRayLimits): SegmentRecord {
  const independent = doc['type'] === 'subsegment';
  checkEntity(doc, path, !independent, limits);
  const id = doc['id'] as string;
  const traceId = doc['trace_id'];
  if (typeof traceId !== 'string' || !TRACE_ID.test(traceId)) throw new SegmentDocumentError('InvalidSegment', `${path}.trace_id must look like 1-58406520-a006649127e371903a2de979, got ${JSON.stringify(traceId)}`, id);
  const parentId = doc['parent_id'];
  if (parentId !== undefined && (typeof parentId !== 'string' || !SEGMENT_ID.test(parentId))) throw new SegmentDocumentError('InvalidSegment', `${path}.parent_id must be 16 hexadecimal digits, got ${JSON.stringify(parentId)}`, id);
  if (independent && parentId === undefined) throw new SegmentDocumentError('InvalidSegment', `${path} is an independent subsegment (type "subsegment") and needs a parent_id`, id);
  return {
    kind: independent ? 'subsegment' : 'segment',
    id,
    traceId,
    parentId: parentId as string | undefined,
    name: doc['name'] as string,
    startTime: doc['start_time'] as number,
    endTime: doc['end_time'] as number | undefined,
    inProgress: doc['end_time'] === undefined,
    document: doc,
  };
}

/**
 * Parses a segment document: a segment, an independent subsegment, or an array of independent
 * subsegments. Throws SegmentDocumentError with the reason and the offending field.
 */
export function parseSegmentDocument(text: string, limits: XRayLimits = XRAY_LIMITS): SegmentRecord[] {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.segmentDocumentBytes) throw new SegmentDocumentError('DocumentTooLarge', `Segment document is ${bytes} bytes, over the ${limits.segmentDocumentBytes}-byte limit`, /"id"\s*:\s*"([0-9a-f]{16})"/.exec(text)?.[1]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new SegmentDocumentError('MalformedJson', `Segment document is not JSON: ${(err as Error).message}`);
  }
  if (Array.isArray(parsed)) {
    return parsed.map((item: unknown, i) => {
      if (!isObject(item) || item['type'] !== 'subsegment') throw new SegmentDocumentError('InvalidSegment', `An array document holds independent subsegments only; item ${i} is not one`);
      return toRecord(item, `[${i}]`, limits);
    });
  }
  if (!isObject(parsed)) throw new SegmentDocumentError('InvalidSegment', `A segment document is a JSON object (or an array of subsegments), got ${typeof parsed}`);
  return [toRecord(parsed, 'document', limits)];
}

/** Annotations of a segment or subsegment (the document's own, not its children's). */
export function annotationsOf(doc: Json): Record<string, AnnotationValue> {
  const a = doc['annotations'];
  return isObject(a) ? (a as Record<string, AnnotationValue>) : {};
}

export function childrenOf(doc: Json): Json[] {
  const s = doc['subsegments'];
  return Array.isArray(s) ? (s.filter(isObject) as Json[]) : [];
}
