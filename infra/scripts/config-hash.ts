/**
 * Nx `runtime` input of infra:synth: prints one line identifying the fully resolved
 * configuration (see src/config-fingerprint.ts). Runs on every hash of the target, so it must
 * stay fast and print nothing else (stdout and stderr are both hashed).
 */
import { configHash } from '../src/config-fingerprint';

process.stdout.write(`${configHash()}\n`);
