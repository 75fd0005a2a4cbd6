import { AWS_LIMITS } from '@fanout/shared-types';

/**
 * Every limit the engine enforces. Defaults are AWS's (shared-types' AWS_LIMITS); each can be
 * switched off with `Infinity` (or `false` for the booleans) to run workloads AWS would refuse.
 */
export interface EngineLimits {
  /** State / task / execution input and output, SendTaskSuccess output (bytes of UTF-8 JSON). */
  payloadBytes: number;
  /** Concurrent iterations of one inline Map. */
  inlineMapMaxConcurrency: number;
  /** Events in one execution's history (Standard workflows). */
  historyEvents: number;
  executionNameMaxLength: number;
  taskFailureErrorMaxLength: number;
  taskFailureCauseMaxLength: number;
  /** TimeoutSeconds / HeartbeatSeconds when a Task states none. */
  defaultTaskTimeoutSeconds: number;
  /** Child executions of one Distributed Map running at once (MaxConcurrency 0 means this many). */
  distributedMapMaxConcurrency: number;
  /** Distributed Map child starts per second, EXPRESS children (a token bucket holding one second's worth). */
  expressChildStartsPerSecond: number;
  /** Distributed Map child starts per second, STANDARD children. */
  standardChildStartsPerSecond: number;
  /** An Express execution runs at most this long, then times out. */
  expressMaxDurationSeconds: number;
  /** A ResultWriter result file holds at most this many bytes; more results go on to the next file. */
  resultWriterFileBytes: number;
}

export const DEFAULT_LIMITS: EngineLimits = {
  payloadBytes: AWS_LIMITS.sfnPayloadBytes,
  inlineMapMaxConcurrency: AWS_LIMITS.inlineMapMaxConcurrency,
  historyEvents: AWS_LIMITS.historyEvents,
  executionNameMaxLength: AWS_LIMITS.executionNameMaxLength,
  taskFailureErrorMaxLength: AWS_LIMITS.taskFailureErrorMaxLength,
  taskFailureCauseMaxLength: AWS_LIMITS.taskFailureCauseMaxLength,
  defaultTaskTimeoutSeconds: AWS_LIMITS.defaultTaskTimeoutSeconds,
  distributedMapMaxConcurrency: AWS_LIMITS.distributedMapMaxConcurrency,
  expressChildStartsPerSecond: AWS_LIMITS.expressChildStartsPerSecond,
  standardChildStartsPerSecond: AWS_LIMITS.standardChildStartsPerSecond,
  expressMaxDurationSeconds: AWS_LIMITS.expressMaxDurationSeconds,
  resultWriterFileBytes: 5 * 1024 ** 3,
};

/** Figures not in AWS_LIMITS (Step Functions API quotas and intrinsic-function bounds). */
export const LOCAL_LIMITS = {
  /** State machine names: 1–80 characters, like execution names. */
  stateMachineNameMaxLength: 80,
  /** Task tokens accepted by SendTask*: 1–2,048 characters. */
  taskTokenMaxLength: 2048,
  /** GetExecutionHistory / List* page size ceiling. */
  maxResults: 1000,
  /** GetExecutionHistory / List* page size when the caller gives none. */
  defaultPageSize: 100,
  /** States.ArrayRange produces at most this many items. */
  arrayRangeMaxItems: 1000,
  /** States.Hash / Base64Encode / Base64Decode input characters. */
  intrinsicStringMaxChars: 10_000,
  /** States.ArrayPartition / ArrayContains input array: the 256 KiB payload quota (bytes of JSON). */
  intrinsicArrayMaxBytes: 262_144,
  /** States.MathAdd operands: a 32-bit signed integer each. */
  mathAddMin: -2_147_483_648,
  mathAddMax: 2_147_483_647,
  /** A definition's JSON text. */
  definitionMaxBytes: 1_048_576,
  /** One API request body (Step Functions' 1 MB request quota). */
  requestMaxBytes: 1_048_576,
  /** A Distributed Map's Label: at most 40 characters. */
  mapLabelMaxLength: 40,
  /** ItemBatcher MaxInputBytesPerBatch ceiling: the 256 KiB payload quota. */
  batchMaxInputBytes: AWS_LIMITS.sfnPayloadBytes,
  /** A CSV header row ItemReader reads: at most 10 KiB. */
  csvHeaderMaxBytes: 10_240,
} as const;
