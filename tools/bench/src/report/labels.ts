import type { Reference2022 } from '../reference/aws-2022';

/** What the bench's own figures are called beside the 2022 ones. */
export function ownRunsLabel(target: 'local' | 'aws', timeScale: number): string {
  return target === 'local' ? `local simulated runs (time scale ${timeScale}×)` : 'AWS runs';
}

export function customerTargetLine(reference: Reference2022): string {
  const t = reference.customerTarget;
  return `customer's target: ${t.cases.toLocaleString('en-US')} cases of ${t.computeMsPerCase / 1000} s within ${t.makespanMs / 1000} s`;
}
