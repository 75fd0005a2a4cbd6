/** X-Ray quotas and formats (X-Ray Developer Guide: segment documents, quotas; daemon protocol). */
export const XRAY_LIMITS = {
  /** A segment document, as the daemon receives it or PutTraceSegments takes it. */
  segmentDocumentBytes: 64 * 1024,
  /** Annotations X-Ray indexes per trace (for summaries and filter expressions). */
  indexedAnnotationsPerTrace: 50,
  segmentNameMaxLength: 200,
  /** Other string fields (subsegment names included). */
  stringMaxLength: 250,
  /** GetTraceSummaries page size (AWS does not document its own). */
  summariesPageSize: 100,
  /** Rejected documents whose reasons `stats()` keeps, most recent last. */
  recentRejections: 20,
} as const;

export type XRayLimits = { readonly [K in keyof typeof XRAY_LIMITS]: number };

/** The first line of every daemon datagram, as aws-xray-sdk-core writes it. */
export const DAEMON_HEADER = { format: 'json', version: 1 } as const;
