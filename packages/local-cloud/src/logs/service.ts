import type { JsonProtocolService } from '../gateway/types';
import { handleLogsOperation } from './api-operations';
import type { CloudWatchLogs } from './cloudwatch-logs';

/**
 * CloudWatch Logs on the AWS JSON 1.1 protocol (`X-Amz-Target: Logs_20140328.<Operation>`).
 * Errors carry the bare code in `__type`, as CloudWatch Logs answers; the SDK resolves it in its
 * own namespace (com.amazonaws.cloudwatchlogs).
 */
export function cloudWatchLogsService(model: CloudWatchLogs): JsonProtocolService {
  return {
    protocol: 'json',
    targetPrefix: 'Logs_20140328',
    contentType: 'application/x-amz-json-1.1',
    errorNamespace: '',
    handle: (operation, input, request) => handleLogsOperation(model, operation, input, request.caller),
  };
}
