import { createHash, randomBytes } from 'node:crypto';
import { EXTERNAL_CALLER, type Caller } from './caller';

export interface IssuedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

/**
 * Temporary credentials for roles, as STS would hand them to a Lambda: the local cloud gives each
 * function its role's keys, and recognises them when they come back on a request, so a call
 * from inside a bundle is made as that role. Keys it did not issue belong to external callers.
 */
export class CredentialIssuer {
  private readonly byKey = new Map<string, Caller>();
  private readonly secret = randomBytes(16).toString('hex');

  issue(roleArn: string, sessionName: string): IssuedCredentials {
    // Deterministic per role and session within one local cloud: a restarted environment of the
    // same function gets the same keys, as a cached STS session would.
    const digest = createHash('sha256').update(`${this.secret}:${roleArn}:${sessionName}`).digest();
    const accessKeyId = 'ASIA' + base32(digest.subarray(0, 10)).slice(0, 16);
    this.byKey.set(accessKeyId, { kind: 'role', roleArn, sessionName });
    return { accessKeyId, secretAccessKey: digest.subarray(10, 30).toString('base64'), sessionToken: digest.toString('base64') };
  }

  identify(accessKeyId: string | undefined): Caller {
    if (accessKeyId === undefined) return EXTERNAL_CALLER;
    return this.byKey.get(accessKeyId) ?? { kind: 'external', accessKeyId };
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}
