import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { unzipSync } from 'fflate';
import { invalidParameter, lambdaError } from './errors';

/** Lambda's deployment package quotas. */
const MAX_ZIPPED_BYTES = 50 * 1024 * 1024;
const MAX_UNZIPPED_BYTES = 250 * 1024 * 1024;

/**
 * A function's code as the runtime sees it: the files of the deployment package by their path
 * inside it ('index.js', 'lib/x.js'). Kept in memory, so a folder later rebuilt on disk does not
 * change a deployed function until UpdateFunctionCode.
 */
export interface CodePackage {
  readonly files: ReadonlyMap<string, Buffer>;
  /** CodeSha256 as Lambda reports it: base64 SHA-256 of the zip (of the files, for a folder). */
  readonly sha256: string;
  readonly size: number;
  /** Where it came from, for GetFunction's Code.Location and for messages. */
  readonly location: string;
}

export function codeFromZip(zip: Uint8Array, location = 'zip'): CodePackage {
  if (zip.byteLength > MAX_ZIPPED_BYTES) {
    throw lambdaError('RequestEntityTooLargeException', `Zipped size must be smaller than ${MAX_ZIPPED_BYTES} bytes, got ${zip.byteLength}`);
  }
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (err) {
    throw invalidParameter(`Could not unzip uploaded file. Please check your file, then try to upload again. (${(err as Error).message})`);
  }
  const files = new Map<string, Buffer>();
  let total = 0;
  for (const [path, bytes] of Object.entries(entries)) {
    if (path.endsWith('/')) continue;
    total += bytes.byteLength;
    files.set(path.replace(/^\.\//, ''), Buffer.from(bytes));
  }
  if (total > MAX_UNZIPPED_BYTES) throw invalidParameter(`Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes, got ${total}`);
  return { files, sha256: createHash('sha256').update(zip).digest('base64'), size: zip.byteLength, location };
}

/**
 * A folder holding a built bundle (the local cloud's shortcut for `Code.S3Bucket = "__local__"`,
 * `S3Key = <folder>`): read once, hashed over paths and contents.
 */
export function codeFromFolder(folder: string): CodePackage {
  let isDir = false;
  try {
    isDir = statSync(folder).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw invalidParameter(`Code folder '${folder}' does not exist or is not a folder`);
  const files = new Map<string, Buffer>();
  const hash = createHash('sha256');
  let total = 0;
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const bytes = readFileSync(full);
        const path = relative(folder, full).split(sep).join('/');
        total += bytes.length;
        hash.update(path).update('\0').update(bytes);
        files.set(path, bytes);
      }
    }
  };
  walk(folder);
  if (total > MAX_UNZIPPED_BYTES) throw invalidParameter(`Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes, got ${total}`);
  return { files, sha256: hash.digest('base64'), size: total, location: folder };
}
