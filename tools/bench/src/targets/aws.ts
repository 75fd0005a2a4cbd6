import { readOutputsFile } from '../outputs';
import type { Target } from './types';

/**
 * CloudWatch Logs usually has a Lambda's lines within seconds, sometimes later: the runner waits
 * up to this long for every invocation's REPORT line before measuring without the missing ones.
 */
const AWS_LOGS_WAIT_MS = 60_000;

/** Stacks deployed with infra:deploy, found through their outputs file; credentials from the default chain. */
export function awsTarget(outputsFile: string): Target {
  return { name: 'aws', outputs: readOutputsFile(outputsFile), timeScale: 1, logsWaitMs: AWS_LOGS_WAIT_MS, notes: [], stop: async () => undefined };
}
