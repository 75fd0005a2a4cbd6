/**
 * Every runtime choice, retry policy and timeout of the infrastructure, in one place
 * (see README "Retries, timeouts and failures" for why each figure is what it is).
 */
import type { Retrier } from '@fanout/asl-types';

export { PATTERN_IDS, type PatternId } from '@fanout/shared-types';

/** Lambda bundles (built by the apps' `build` targets into dist/apps/<name>). */
export const LAMBDA_BUNDLES = ['compute-direct', 'compute-callback', 'summary', 'summary-distributed'] as const;
export type LambdaBundle = (typeof LAMBDA_BUNDLES)[number];

export const LAMBDA_RUNTIME = 'nodejs22.x';
export const LAMBDA_ARCHITECTURE = 'arm64';
/** The bundles are CommonJS `index.js` exporting `handler`. */
export const LAMBDA_HANDLER = 'index.handler';

/**
 * Transient Lambda service errors, retried as the Step Functions guide recommends
 * (IntervalSeconds 2, MaxAttempts 6, BackoffRate 2).
 */
export const LAMBDA_TRANSIENT_RETRY: Retrier = {
  ErrorEquals: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.ClientExecutionTimeoutException'],
  IntervalSeconds: 2,
  MaxAttempts: 6,
  BackoffRate: 2,
};

/**
 * How every throttled call backs off: up to 8 attempts, 1 s doubling to at most 30 s, with full
 * jitter so the retries of 40 iterations (or 120) do not arrive together.
 */
const THROTTLE_BACKOFF = {
  IntervalSeconds: 1,
  MaxAttempts: 8,
  BackoffRate: 2,
  MaxDelaySeconds: 30,
  JitterStrategy: 'FULL',
} as const satisfies Omit<Retrier, 'ErrorEquals'>;

/**
 * Throttling: with N slots × 40 inline iterations (or a callback fan-out) the account's
 * concurrency can run out.
 */
export const LAMBDA_THROTTLE_RETRY: Retrier = { ErrorEquals: ['Lambda.TooManyRequestsException'], ...THROTTLE_BACKOFF };

/**
 * putEvents failures that put nothing on the bus, so a retry cannot duplicate an event.
 * (States.Timeout is deliberately not retried: the event was delivered and the compute may
 * still answer; a retry would only double the wait and the work.)
 */
export const PUT_EVENTS_RETRY: Retrier = {
  ErrorEquals: ['EventBridge.FailedEntry', 'EventBridge.InternalException'],
  IntervalSeconds: 1,
  MaxAttempts: 6,
  BackoffRate: 2,
  MaxDelaySeconds: 20,
  JitterStrategy: 'FULL',
};

/**
 * putEvents throttled at the API level (the account's PutEvents quota), so nothing was put.
 * The Step Functions guide documents only `EventBridge.FailedEntry` for this integration (which
 * PUT_EVENTS_RETRY covers, including entries rejected with ThrottlingException); an API error
 * is named by its convention for service errors, `<Service>.<ErrorCode>` with the Exception
 * suffix: `EventBridge.ThrottlingException`. `EventBridge.AmazonEventBridgeException` is the name
 * an error the integration's SDK does not model surfaces as (as `Lambda.AWSLambdaException` does
 * for Lambda), which is how an unmodelled throttling answer would arrive. Backs off longer than
 * PUT_EVENTS_RETRY, since 40 iterations per Map put at once.
 */
export const PUT_EVENTS_THROTTLE_RETRY: Retrier = {
  ErrorEquals: ['EventBridge.ThrottlingException', 'EventBridge.AmazonEventBridgeException'],
  ...THROTTLE_BACKOFF,
};

/** Seconds a lambda:invoke task may take beyond the function's own timeout (cold start, invoke overhead). */
export const TASK_TIMEOUT_MARGIN_SECONDS = 10;

/** The Summary Lambda reads all results at once: give it more room than a compute call. */
export const SUMMARY_TIMEOUT_SECONDS = 60;
export const SUMMARY_MEMORY_MB = 512;

/** Inline Map: 0 = as many as the service allows, which inline mode caps at 40. */
export const INLINE_MAP_MAX_CONCURRENCY = 0;

/** EventBridge rule target → compute-callback: retry, then the DLQ. */
export const EVENT_TARGET_MAX_RETRY_ATTEMPTS = 8;
/** What AWS accepts for a rule target's RetryPolicy.MaximumEventAgeInSeconds. */
export const EVENT_TARGET_MAX_EVENT_AGE_RANGE = { min: 60, max: 86_400 } as const;

/** compute-callback's own asynchronous retries (handler errors), then its on-failure queue. */
export const CALLBACK_LAMBDA_ASYNC_RETRIES = 2;
/** What AWS accepts for a function's event-invoke config MaximumEventAgeInSeconds. */
export const LAMBDA_ASYNC_MAX_EVENT_AGE_RANGE = { min: 60, max: 21_600 } as const;

function clamp(value: number, range: { readonly min: number; readonly max: number }): number {
  return Math.min(range.max, Math.max(range.min, value));
}

/**
 * How long EventBridge keeps retrying delivery of a callback event: as long as its task token
 * can still be answered. The task waits callbackTimeoutSeconds from the moment it puts the
 * event, so an older event carries an expired token (retrying it only wastes a compute run) and a
 * younger one must not be given up early. Clamped to what AWS accepts: below 60 s the event
 * outlives its token by up to a minute.
 */
export function eventTargetMaxEventAgeSeconds(callbackTimeoutSeconds: number): number {
  return clamp(callbackTimeoutSeconds, EVENT_TARGET_MAX_EVENT_AGE_RANGE);
}

/**
 * How long Lambda keeps an asynchronous invocation of compute-callback for its own retries: the
 * same reasoning, clamped to Lambda's range. Above 21,600 s (6 h) Lambda gives up before the
 * token expires and the event goes to the on-failure queue.
 */
export function callbackLambdaMaxEventAgeSeconds(callbackTimeoutSeconds: number): number {
  return clamp(callbackTimeoutSeconds, LAMBDA_ASYNC_MAX_EVENT_AGE_RANGE);
}

/** Dead-letter / failure queues keep messages for the SQS maximum, 14 days. */
export const DLQ_RETENTION_SECONDS = 1_209_600;

/** Name of the JSON file in `outputs/` that `deploy` writes and the bench tool reads. */
export const DEPLOY_OUTPUTS_FILE = 'outputs/deploy-outputs.json';

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/**
 * Terraform (or OpenTofu) the synthesized stacks need: the S3 backend's `use_lockfile` state
 * locking arrived in 1.10, and an older binary would fail at `init` with an unclear error.
 */
export const TERRAFORM_REQUIRED_VERSION = '>= 1.10, < 2.0';

/** Where Terraform finds the AWS provider: fully qualified, since OpenTofu reads a bare `aws` ambiguously. */
export const AWS_PROVIDER_SOURCE = 'hashicorp/aws';

/** How many failed or missing cases (percent of the request) an execution tolerates by default: none. */
export const DEFAULT_TOLERATED_FAILURE_PERCENTAGE = 0;

/**
 * distributed-map's defaults. MaxConcurrency 1,000 runs the customer's 1,000 cases in one wave;
 * the Map Run tolerates every child failure (100 %): a case that fails inside its child is
 * recorded there and never fails the child, so only children that fail outright (the Express
 * 5-minute limit, a data limit) count, and the Summary reports them case by case before the
 * failure threshold decides. See README "distributed-map".
 */
export const DISTRIBUTED_MAP_DEFAULTS = {
  childExecutionType: 'EXPRESS',
  maxConcurrency: 1_000,
  toleratedFailurePercentage: 100,
  itemsInputType: 'JSONL',
  resultsExpirationDays: 7,
  inputsExpirationDays: 7,
} as const;

/** The bucket's incomplete multipart uploads (ResultWriter writes large result files in parts) are aborted after a day. */
export const ABORT_INCOMPLETE_UPLOADS_DAYS = 1;
