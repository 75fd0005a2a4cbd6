import { createHash } from 'node:crypto';
import { crc32 as zlibCrc32 } from 'node:zlib';

/** The additional checksums S3 accepts and stores (x-amz-checksum-<algorithm>). */
export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

/** Raw digest length per algorithm: a header whose base64 decodes to another length is invalid. */
export const CHECKSUM_BYTES: Readonly<Record<ChecksumAlgorithm, number>> = { CRC32: 4, CRC32C: 4, CRC64NVME: 8, SHA1: 20, SHA256: 32 };

export function isChecksumAlgorithm(v: string): v is ChecksumAlgorithm {
  return (CHECKSUM_ALGORITHMS as readonly string[]).includes(v);
}

export const checksumHeader = (algorithm: ChecksumAlgorithm): string => `x-amz-checksum-${algorithm.toLowerCase()}`;

/** Reflected table-driven CRC-32C (Castagnoli, polynomial 0x82F63B78). */
const CRC32C_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32c(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = (CRC32C_TABLE[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5, init and xorout all ones), kept as two
// 32-bit halves: BigInt per byte would make a multi-MB upload crawl.
const CRC64_POLY_HI = 0x9a6c9329;
const CRC64_POLY_LO = 0xac4bc9b5;
const [CRC64_HI, CRC64_LO] = (() => {
  const hi = new Uint32Array(256);
  const lo = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let h = 0;
    let l = n;
    for (let k = 0; k < 8; k++) {
      const carry = l & 1;
      l = ((l >>> 1) | ((h & 1) << 31)) >>> 0;
      h = h >>> 1;
      if (carry) {
        h = (h ^ CRC64_POLY_HI) >>> 0;
        l = (l ^ CRC64_POLY_LO) >>> 0;
      }
    }
    hi[n] = h;
    lo[n] = l;
  }
  return [hi, lo];
})();

function crc64nvme(data: Uint8Array): Buffer {
  let h = 0xffffffff;
  let l = 0xffffffff;
  for (let i = 0; i < data.length; i++) {
    const idx = (l ^ (data[i] as number)) & 0xff;
    l = ((CRC64_LO[idx] as number) ^ ((l >>> 8) | (h << 24))) >>> 0;
    h = ((CRC64_HI[idx] as number) ^ (h >>> 8)) >>> 0;
  }
  const out = Buffer.alloc(8);
  out.writeUInt32BE((h ^ 0xffffffff) >>> 0, 0);
  out.writeUInt32BE((l ^ 0xffffffff) >>> 0, 4);
  return out;
}

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0, 0);
  return b;
}

/** The raw digest of `data`. */
export function checksumDigest(algorithm: ChecksumAlgorithm, data: Uint8Array): Buffer {
  switch (algorithm) {
    case 'CRC32':
      return uint32(zlibCrc32(data));
    case 'CRC32C':
      return uint32(crc32c(data));
    case 'CRC64NVME':
      return crc64nvme(data);
    case 'SHA1':
      return createHash('sha1').update(data).digest();
    case 'SHA256':
      return createHash('sha256').update(data).digest();
  }
}

/** The base64 digest, as the x-amz-checksum-* headers carry it. */
export function checksumOf(algorithm: ChecksumAlgorithm, data: Uint8Array): string {
  return checksumDigest(algorithm, data).toString('base64');
}

export const md5Hex = (data: Uint8Array): string => createHash('md5').update(data).digest('hex');
export const md5Base64 = (data: Uint8Array): string => createHash('md5').update(data).digest('base64');
export const sha256Hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Whether `value` is base64 of exactly `bytes` bytes. */
export function isBase64Of(value: string, bytes: number): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === bytes && Buffer.from(value, 'base64').toString('base64') === value;
}
