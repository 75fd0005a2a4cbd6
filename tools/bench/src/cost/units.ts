/**
 * The billable units of one run, counted from its measurements, and their price. Free tiers are
 * left out: the figure is what one more run adds to a bill.
 */
import type { FunctionFacts } from '../aws/preflight';
import type { RunMetrics } from '../measure/run-metrics';
import { PRICES } from './prices';

export interface CostUnits {
  stateTransitions: number;
  lambdaRequests: number;
  lambdaGbSeconds: number;
  eventBridgeEvents: number;
  /** Both state machines trace with X-Ray: one trace per execution (the Lambdas join it). */
  xrayTraces: number;
  sqsRequests: number;
}

export interface RunCost {
  units: CostUnits;
  usd: Record<keyof CostUnits, number>;
  totalUsd: number;
  /** How the Lambda figures were counted. */
  lambdaSource: 'logs' | 'history';
}

const gbSeconds = (ms: number, memoryMb: number): number => (ms / 1000) * (memoryMb / 1024);

function gbSecondPrice(fn: FunctionFacts): number {
  return fn.architecture === 'x86_64' ? PRICES.lambdaX86GbSecond.usd : PRICES.lambdaArmGbSecond.usd;
}

export function runCost(metrics: RunMetrics, compute: FunctionFacts, summary: FunctionFacts, queueMessages: number): RunCost {
  const { usage, lambda } = metrics;
  // Billed durations from REPORT lines when every invocation's arrived; else the tasks' durations
  // (an upper bound: they include the invoke's overhead, or the callback's return trip).
  const fromLogs = lambda.logs === 'complete' && lambda.reported > 0;
  const computeRequests = fromLogs ? lambda.reported : usage.invokeAttempts + usage.eventsPut;
  const computeMs = fromLogs ? lambda.billedMs : usage.caseTaskMs;
  const computeGbS = gbSeconds(computeMs, compute.memoryMb);
  const summaryGbS = gbSeconds(usage.summaryTaskMs, summary.memoryMb);
  const units: CostUnits = {
    stateTransitions: usage.stateTransitions,
    lambdaRequests: computeRequests + usage.summaryInvocations,
    lambdaGbSeconds: computeGbS + summaryGbS,
    eventBridgeEvents: usage.eventsPut,
    xrayTraces: 1,
    sqsRequests: queueMessages,
  };
  const usd: Record<keyof CostUnits, number> = {
    stateTransitions: units.stateTransitions * PRICES.stateTransition.usd,
    lambdaRequests: units.lambdaRequests * PRICES.lambdaRequest.usd,
    lambdaGbSeconds: computeGbS * gbSecondPrice(compute) + summaryGbS * gbSecondPrice(summary),
    eventBridgeEvents: units.eventBridgeEvents * PRICES.eventBridgeEvent.usd,
    xrayTraces: units.xrayTraces * PRICES.xrayTrace.usd,
    sqsRequests: units.sqsRequests * PRICES.sqsRequest.usd,
  };
  const totalUsd = Object.values(usd).reduce((a, b) => a + b, 0);
  return { units, usd, totalUsd, lambdaSource: fromLogs ? 'logs' : 'history' };
}
