/**
 * The billable units of one run, counted from its measurements, and their price. Free tiers are
 * left out: the figure is what one more run adds to a bill.
 */
import type { FunctionFacts } from '../aws/preflight';
import type { RunMetrics } from '../measure/run-metrics';
import type { DistributedMapSettings } from '../patterns/distributed-settings';
import { expressUsage } from './express';
import { PRICES } from './prices';

export interface CostUnits {
  stateTransitions: number;
  lambdaRequests: number;
  lambdaGbSeconds: number;
  eventBridgeEvents: number;
  /** Both state machines trace with X-Ray: one trace per execution (the Lambdas, and a Distributed Map's children, join it). */
  xrayTraces: number;
  sqsRequests: number;
  /** A Distributed Map's Express children: one request each, and their GB-seconds. */
  expressRequests: number;
  expressGbSeconds: number;
  /** S3 PUTs (ResultWriter's files and manifest, the items upload) and GETs (ItemReader, the Summary's reads). */
  s3PutRequests: number;
  s3GetRequests: number;
}

export interface RunCost {
  units: CostUnits;
  usd: Record<keyof CostUnits, number>;
  totalUsd: number;
  /** How the Lambda figures were counted. */
  lambdaSource: 'logs' | 'history';
  notes: string[];
}

const gbSeconds = (ms: number, memoryMb: number): number => (ms / 1000) * (memoryMb / 1024);

function gbSecondPrice(fn: FunctionFacts): number {
  return fn.architecture === 'x86_64' ? PRICES.lambdaX86GbSecond.usd : PRICES.lambdaArmGbSecond.usd;
}

/** The Distributed Map's children, billed as Express executions; Standard children bill transitions the bench cannot read. */
function childUnits(metrics: RunMetrics, map: DistributedMapSettings | undefined, notes: string[]): { requests: number; gbSeconds: number } {
  if (!metrics.mapRun || !map) return { requests: 0, gbSeconds: 0 };
  if (map.executionType === 'STANDARD') {
    notes.push('Standard child executions bill their own state transitions, which are in their histories: not counted');
    return { requests: 0, gbSeconds: 0 };
  }
  return expressUsage(metrics.mapRun.children, map);
}

export function runCost(metrics: RunMetrics, compute: FunctionFacts, summary: FunctionFacts, queueMessages: number, map?: DistributedMapSettings): RunCost {
  const { usage, lambda } = metrics;
  const notes: string[] = [];
  // Billed durations from REPORT lines when every invocation's arrived; else the tasks' durations
  // (an upper bound: they include the invoke's overhead, or the callback's return trip).
  const fromLogs = lambda.logs === 'complete' && lambda.reported > 0;
  const computeRequests = fromLogs ? lambda.reported : usage.invokeAttempts + usage.eventsPut;
  const computeMs = fromLogs ? lambda.billedMs : usage.caseTaskMs;
  const computeGbS = gbSeconds(computeMs, compute.memoryMb);
  const summaryGbS = gbSeconds(usage.summaryTaskMs, summary.memoryMb);
  const children = childUnits(metrics, map, notes);
  const units: CostUnits = {
    stateTransitions: usage.stateTransitions,
    lambdaRequests: computeRequests + usage.summaryInvocations,
    lambdaGbSeconds: computeGbS + summaryGbS,
    eventBridgeEvents: usage.eventsPut,
    xrayTraces: 1,
    sqsRequests: queueMessages,
    expressRequests: children.requests,
    expressGbSeconds: children.gbSeconds,
    s3PutRequests: metrics.mapRun?.s3Puts ?? 0,
    s3GetRequests: metrics.mapRun?.s3Gets ?? 0,
  };
  const usd: Record<keyof CostUnits, number> = {
    stateTransitions: units.stateTransitions * PRICES.stateTransition.usd,
    lambdaRequests: units.lambdaRequests * PRICES.lambdaRequest.usd,
    lambdaGbSeconds: computeGbS * gbSecondPrice(compute) + summaryGbS * gbSecondPrice(summary),
    eventBridgeEvents: units.eventBridgeEvents * PRICES.eventBridgeEvent.usd,
    xrayTraces: units.xrayTraces * PRICES.xrayTrace.usd,
    sqsRequests: units.sqsRequests * PRICES.sqsRequest.usd,
    expressRequests: units.expressRequests * PRICES.expressRequest.usd,
    expressGbSeconds: units.expressGbSeconds * PRICES.expressGbSecond.usd,
    s3PutRequests: units.s3PutRequests * PRICES.s3PutRequest.usd,
    s3GetRequests: units.s3GetRequests * PRICES.s3GetRequest.usd,
  };
  const totalUsd = Object.values(usd).reduce((a, b) => a + b, 0);
  return { units, usd, totalUsd, lambdaSource: fromLogs ? 'logs' : 'history', notes };
}
