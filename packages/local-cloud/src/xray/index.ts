export { XRay, type XRayProps, type XRayStats, type RejectionKind, type GetTraceSummariesRequest, type UnprocessedTraceSegment } from './xray';
export { startXRayDaemon, readDatagram, type RunningXRayDaemon, type XRayDaemonProps } from './daemon';
export { xrayService } from './service';
export { startLambdaTrace, LambdaInvocationTrace, type LambdaTraceProps, type LambdaInvocationTiming, type TracingMode, type ErrorInfo } from './lambda-trace';
export { formatTraceHeader, newSegmentId, newTraceId, parseTraceHeader, type TraceHeader } from './trace-header';
export { parseSegmentDocument, SegmentDocumentError, type AnnotationValue, type RejectionReason, type SegmentRecord } from './segment-document';
export { compileFilterExpression, FilterExpressionError } from './filter-expression';
export type { SubsegmentView } from './trace-store';
export { XRAY_LIMITS, type XRayLimits } from './limits';
