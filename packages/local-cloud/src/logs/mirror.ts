import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A folder copy of the stored logs, for reading with ordinary tools (`tail -f`, `grep`): one
 * folder per group, one file per stream, `<ISO timestamp> <message>` per event. It is a
 * transcript: events are appended as they are accepted (a late batch lands at the end, not in
 * time order) and expiry leaves them in place; deleting a stream or group deletes its file/folder.
 */
export class LogMirror {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** Where a stream's file is: both names percent-encoded, so '/', '[', '$' and '..' make no paths. */
  streamFile(group: string, stream: string): string {
    return join(this.dir, encodeName(group), `${encodeName(stream)}.log`);
  }

  append(group: string, stream: string, events: readonly { timestamp: number; message: string }[]): void {
    if (events.length === 0) return;
    mkdirSync(join(this.dir, encodeName(group)), { recursive: true });
    appendFileSync(this.streamFile(group, stream), events.map((e) => `${new Date(e.timestamp).toISOString()} ${e.message}\n`).join(''));
  }

  deleteStream(group: string, stream: string): void {
    rmSync(this.streamFile(group, stream), { force: true });
  }

  deleteGroup(group: string): void {
    rmSync(join(this.dir, encodeName(group)), { recursive: true, force: true });
  }
}

/** Letters, digits, '.', '_' and '-' stay; every other byte becomes %XX, and so does a leading '.'. */
export function encodeName(name: string): string {
  let out = '';
  for (const byte of Buffer.from(name, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9._-]/.test(c) && !(c === '.' && out === '') ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
