/**
 * How AWS bills an Express execution, here a Distributed Map's child (Step Functions pricing
 * page): one request per execution started; its duration from start to end rounded up to the
 * next 100 ms, times its memory billed in 64 MB chunks, where memory is estimated as AWS's page
 * does: 50 MB + the definition's size + the execution data's size × its Map and Parallel steps.
 */
export const EXPRESS_BILLING = { durationStepMs: 100, memoryChunkMb: 64, baseMemoryMb: 50 } as const;

const MB = 1024 * 1024;

/** Billed memory of one execution: the estimate, rounded up to a 64 MB chunk. */
export function expressBilledMemoryMb(definitionBytes: number, payloadBytes: number, mapSteps: number): number {
  // A child with no Map or Parallel state still holds its data once.
  const used = EXPRESS_BILLING.baseMemoryMb + (definitionBytes + payloadBytes * Math.max(1, mapSteps)) / MB;
  return Math.ceil(used / EXPRESS_BILLING.memoryChunkMb) * EXPRESS_BILLING.memoryChunkMb;
}

export function expressBilledMs(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs / EXPRESS_BILLING.durationStepMs)) * EXPRESS_BILLING.durationStepMs;
}

export interface ExpressChild {
  status: string;
  startMs?: number;
  stopMs?: number;
  inputBytes: number;
}

/** Requests and GB-seconds of the children that started (a PENDING child never ran and is not billed). */
export function expressUsage(children: readonly ExpressChild[], definition: { childDefinitionBytes: number; childMapSteps: number }): { requests: number; gbSeconds: number } {
  let requests = 0;
  let gbSeconds = 0;
  for (const child of children) {
    if (child.status === 'PENDING') continue;
    requests += 1;
    if (child.startMs === undefined || child.stopMs === undefined) continue;
    const memoryGb = expressBilledMemoryMb(definition.childDefinitionBytes, child.inputBytes, definition.childMapSteps) / 1024;
    gbSeconds += (expressBilledMs(child.stopMs - child.startMs) / 1000) * memoryGb;
  }
  return { requests, gbSeconds };
}
