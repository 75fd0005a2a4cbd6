/** Compute time of a case without its own `durationMs`: the seeds' Lambda took about 5 s. */
export const DEFAULT_COMPUTE_MS = 5000;

/** Same ceiling as a case's durationMs: a Lambda cannot run longer than 15 minutes. */
const MAX_COMPUTE_MS = 900_000;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Default compute time from COMPUTE_MS. A malformed value fails loudly (at cold start) rather
 * than silently running every case for 5 s.
 */
export function computeMsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['COMPUTE_MS'];
  if (raw === undefined || raw.trim() === '') return DEFAULT_COMPUTE_MS;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`COMPUTE_MS="${raw}" must be a whole number of milliseconds`);
  const ms = Number(raw.trim());
  if (ms > MAX_COMPUTE_MS) throw new ConfigError(`COMPUTE_MS=${ms} exceeds ${MAX_COMPUTE_MS} (the Lambda 15-minute ceiling)`);
  return ms;
}
