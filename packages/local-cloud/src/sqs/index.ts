import type { GatewayService } from '../gateway/types';
import { sqsJsonService } from './api/json-service';
import { sqsQueryService } from './api/query-service';
import type { SqsModel } from './model/sqs-model';

export { sqsJsonService } from './api/json-service';
export { sqsQueryService } from './api/query-service';
export { SQS_ACTIONS } from './api/operations';
export { SQS_LIMITS, type SqsLimits } from './constants';
export { SqsError } from './errors';
export { md5OfMessageAttributes } from './model/md5';
export type { QueueCounters } from './model/queue';
export { SqsModel, type SqsCounters, type SqsModelProps, type QueueReport } from './model/sqs-model';

/** Both SQS protocols for startGateway: JSON 1.0 (by X-Amz-Target) and query (by Action). */
export function sqsServices(model: SqsModel): GatewayService[] {
  return [sqsJsonService(model), sqsQueryService(model)];
}
