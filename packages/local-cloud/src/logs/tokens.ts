import { invalidToken } from './errors';
import type { EventKey } from './records';

/**
 * Page tokens. GetLogEvents' look like AWS's (`f/…` forward, `b/…` backward, digits); each
 * names the event key it stops at, so a token stays valid while events arrive or expire.
 * FilterLogEvents' and the Describe* tokens are opaque base64url.
 */

export type Direction = 'f' | 'b';

const DIGITS = 16;
const KEY_TOKEN = new RegExp(`^([fb])/(\\d{${DIGITS}})(\\d{${DIGITS}})$`);

export function encodeKeyToken(direction: Direction, key: EventKey): string {
  return `${direction}/${String(key.timestamp).padStart(DIGITS, '0')}${String(key.seq).padStart(DIGITS, '0')}`;
}

export function decodeKeyToken(token: string): { direction: Direction; key: EventKey } {
  const m = KEY_TOKEN.exec(token);
  if (!m) throw invalidToken(token);
  return { direction: m[1] as Direction, key: { timestamp: Number(m[2]), seq: Number(m[3]) } };
}

export function encodeOpaque(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

export function decodeOpaque(token: string): string {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  if (encodeOpaque(text) !== token) throw invalidToken(token);
  return text;
}
