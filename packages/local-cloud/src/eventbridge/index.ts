export { EventBridgeService, type EventBridgeServiceProps } from './service';
export type { DeliveryRecord, TargetPorts } from './delivery';
export { RULE_METRICS, type EventBridgeMetrics, type RuleMetricName, type RuleMetrics } from './metrics';
export { EVENTBRIDGE_LIMITS, RETRY_BACKOFF } from './limits';
export { EventBridgeError, type EventBridgeErrorCode } from './errors';
export { compilePattern } from './pattern/compile-pattern';
export { matchesPattern } from './pattern/match-pattern';
export { PatternError, type CompiledPattern } from './pattern/types';
export type { DeliveryErrorCode, ExhaustedRetryCondition } from './retry-policy';
