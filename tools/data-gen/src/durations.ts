import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { DataGenOptionError } from './errors';

/** How long each simulated case takes; written to the case as `durationMs`. */
export type DurationSpec =
  | { kind: 'constant'; ms: number }
  | { kind: 'uniform'; minMs: number; maxMs: number }
  | { kind: 'lognormal'; medianMs: number; sigma: number };

/** Lambda's 15-minute ceiling: a longer simulated case could never succeed. */
const MAX_DURATION_MS = 900_000;

const USAGE = 'expected constant:<ms>, uniform:<minMs>:<maxMs> or lognormal:<medianMs>:<sigma>';

function number(text: string | undefined, what: string, spec: string): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw new DataGenOptionError(`--duration ${spec}: ${what} must be a number ≥ 0 (${USAGE})`);
  }
  return value;
}

/** Parses `constant:5000`, `uniform:1000:9000`, `lognormal:5000:0.5`. */
export function parseDurationSpec(spec: string): DurationSpec {
  const [kind, ...args] = spec.split(':');
  const arity = { constant: 1, uniform: 2, lognormal: 2 }[kind ?? ''];
  if (arity === undefined) throw new DataGenOptionError(`--duration ${spec}: unknown distribution "${kind}" (${USAGE})`);
  if (args.length !== arity) throw new DataGenOptionError(`--duration ${spec}: ${kind} takes ${arity} value(s) (${USAGE})`);
  let parsed: DurationSpec;
  if (kind === 'constant') {
    parsed = { kind, ms: number(args[0], 'ms', spec) };
  } else if (kind === 'uniform') {
    parsed = { kind, minMs: number(args[0], 'minMs', spec), maxMs: number(args[1], 'maxMs', spec) };
    if (parsed.minMs > parsed.maxMs) throw new DataGenOptionError(`--duration ${spec}: minMs must not exceed maxMs`);
  } else {
    parsed = { kind: 'lognormal', medianMs: number(args[0], 'medianMs', spec), sigma: number(args[1], 'sigma', spec) };
  }
  const largest = parsed.kind === 'constant' ? parsed.ms : parsed.kind === 'uniform' ? parsed.maxMs : parsed.medianMs;
  if (largest > MAX_DURATION_MS) throw new DataGenOptionError(`--duration ${spec}: durations above ${MAX_DURATION_MS} ms exceed Lambda's 15-minute limit`);
  return parsed;
}

/** Draws whole milliseconds from the distribution; lognormal tails are clamped to Lambda's ceiling. */
export function durationSampler(spec: DurationSpec, rng: RandomGenerator): () => number {
  const clamp = (ms: number): number => Math.min(MAX_DURATION_MS, Math.max(0, Math.round(ms)));
  switch (spec.kind) {
    case 'constant':
      return () => clamp(spec.ms);
    case 'uniform':
      return () => clamp(spec.minMs + uniformFloat64(rng) * (spec.maxMs - spec.minMs));
    case 'lognormal':
      return () => {
        // Box–Muller; 1 − u keeps the logarithm's argument in (0, 1].
        const u1 = 1 - uniformFloat64(rng);
        const u2 = uniformFloat64(rng);
        const normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        return clamp(spec.medianMs * Math.exp(spec.sigma * normal));
      };
  }
}
