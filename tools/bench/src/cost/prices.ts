/**
 * us-east-1 list prices, on-demand, without free tiers (a run's marginal cost), as published on
 * the AWS pricing pages named beside each figure. Checked 2026-12-02 against the stored copies
 * of those pages; AWS changes prices rarely, but check them before quoting a figure.
 */
export const PRICES_CHECKED_ON = '2026-12-02';
export const PRICE_REGION = 'us-east-1';

export interface Price {
  /** USD per one unit. */
  usd: number;
  unit: string;
  /** As the pricing page states it. */
  published: string;
  source: string;
}

export const PRICES = {
  stateTransition: {
    usd: 0.025 / 1000,
    unit: 'Standard workflow state transition (retries included)',
    published: '$0.025 per 1,000 state transitions (US East, N. Virginia)',
    source: 'https://aws.amazon.com/step-functions/pricing/',
  },
  lambdaRequest: {
    usd: 0.2 / 1_000_000,
    unit: 'Lambda request (invocation)',
    published: '$0.20 per 1M requests',
    source: 'https://aws.amazon.com/lambda/pricing/',
  },
  lambdaArmGbSecond: {
    usd: 0.0000133334,
    unit: 'Lambda GB-second, Arm (arm64), first pricing tier',
    published: '$0.0000133334 per GB-second (Arm, first 7.5 billion GB-s per month)',
    source: 'https://aws.amazon.com/lambda/pricing/',
  },
  lambdaX86GbSecond: {
    usd: 0.0000166667,
    unit: 'Lambda GB-second, x86_64, first pricing tier',
    published: '$0.0000166667 per GB-second (x86, first 6 billion GB-s per month)',
    source: 'https://aws.amazon.com/lambda/pricing/',
  },
  eventBridgeEvent: {
    usd: 1 / 1_000_000,
    unit: 'EventBridge custom event published (each 64 KB chunk)',
    published: '$1.00 per million custom events',
    source: 'https://aws.amazon.com/eventbridge/pricing/',
  },
  xrayTrace: {
    usd: 5 / 1_000_000,
    unit: 'X-Ray trace recorded',
    published: '$5.00 per 1 million traces recorded ($0.000005 per trace)',
    source: 'https://aws.amazon.com/xray/pricing/',
  },
  expressRequest: {
    usd: 1 / 1_000_000,
    unit: 'Express workflow request (each execution started, a Distributed Map child included)',
    published: '$1.00 per million requests (Express Workflows)',
    source: 'https://aws.amazon.com/step-functions/pricing/',
  },
  expressGbSecond: {
    usd: 0.06 / 3600,
    unit: 'Express workflow GB-second (duration rounded up to 100 ms, memory billed in 64 MB chunks), first pricing tier',
    published: '$0.06000 per GB-hour for the first 1,000 GB-hours a month ($0.00001667 per GB-second; then $0.03000, then $0.01642)',
    source: 'https://aws.amazon.com/step-functions/pricing/',
  },
  s3PutRequest: {
    usd: 0.005 / 1000,
    unit: 'S3 Standard PUT, COPY, POST or LIST request',
    published: '$0.005 per 1,000 requests (S3 Standard)',
    source: 'https://aws.amazon.com/s3/pricing/',
  },
  s3GetRequest: {
    usd: 0.0004 / 1000,
    unit: 'S3 Standard GET or SELECT request',
    published: '$0.0004 per 1,000 requests (S3 Standard)',
    source: 'https://aws.amazon.com/s3/pricing/',
  },
  sqsRequest: {
    usd: 0.4 / 1_000_000,
    unit: 'SQS standard queue request (each 64 KB chunk)',
    published: '$0.40 per million requests (standard queues, first 100 billion per month)',
    source: 'https://aws.amazon.com/sqs/pricing/',
  },
} as const satisfies Record<string, Price>;
