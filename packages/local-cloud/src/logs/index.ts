export { CloudWatchLogs, type CloudWatchLogsProps } from './cloudwatch-logs';
export type { LogsStats } from './log-store';
export type { CreateLogGroupRequest, DescribeLogGroupsRequest, DescribeLogStreamsRequest, FilterLogEventsRequest, GetLogEventsRequest } from './requests';
export { cloudWatchLogsService } from './service';
export { handleLogsOperation } from './api-operations';
export { compileFilterPattern, FilterPatternError, type LogEventMatcher } from './filter-pattern';
export { LOGS_LIMITS, RETENTION_DAYS, type LogsLimits } from './limits';
export { LogMirror } from './mirror';
