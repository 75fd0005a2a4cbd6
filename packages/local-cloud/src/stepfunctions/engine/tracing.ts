import { randomBytes } from 'node:crypto';

/**
 * X-Ray trace ids: `1-<epoch seconds, 8 hex>-<96 random bits, 24 hex>`. One trace per execution;
 * each task call gets its own parent segment id (16 hex), as a traced state is its own segment.
 */
export function newTraceRoot(nowMs: number): string {
  const seconds = Math.floor(nowMs / 1000).toString(16).padStart(8, '0');
  return `Root=1-${seconds}-${randomBytes(12).toString('hex')}`;
}

/** The root of a caller's `Root=…;Parent=…;Sampled=…` header, when it carries a well-formed one. */
export function traceRootOf(header: string | undefined): string | undefined {
  const m = header === undefined ? null : /(?:^|;)\s*Root=(1-[0-9a-f]{8}-[0-9a-f]{24})\s*(?:;|$)/.exec(header);
  return m ? `Root=${m[1] as string}` : undefined;
}

/** The header a task's service call carries. */
export function traceHeader(root: string): string {
  return `${root};Parent=${randomBytes(8).toString('hex')};Sampled=1`;
}
