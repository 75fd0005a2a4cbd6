import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { DAEMON_HEADER } from './limits';
import { SegmentDocumentError } from './segment-document';
import type { XRay } from './xray';

export interface XRayDaemonProps {
  readonly xray: XRay;
  /** Loopback unless told otherwise. */
  readonly host?: string;
  /** 0 (default) picks a free port; AWS's daemon listens on 2000. */
  readonly port?: number;
}

export interface RunningXRayDaemon {
  /** `127.0.0.1:<port>`: the value of AWS_XRAY_DAEMON_ADDRESS for the SDK. */
  readonly address: string;
  readonly port: number;
  /** Datagrams received so far (accepted or not). */
  readonly datagrams: () => number;
  /** Errors the socket reported after binding (it keeps listening). */
  readonly socketErrors: () => number;
  close(): Promise<void>;
}

/**
 * Splits a daemon datagram: the protocol header line (`{"format":"json","version":1}`), then one
 * segment document. Returns the document, or why the datagram is not one.
 */
export function readDatagram(data: Buffer): { document: string } | { error: string } {
  const text = data.toString('utf8');
  const newline = text.indexOf('\n');
  if (newline < 0) return { error: `Datagram has no header line (expected ${JSON.stringify(DAEMON_HEADER)} and a newline before the segment)` };
  let header: unknown;
  try {
    header = JSON.parse(text.slice(0, newline));
  } catch {
    return { error: `Datagram header is not JSON: ${text.slice(0, Math.min(newline, 80))}` };
  }
  const h = header as { format?: unknown; version?: unknown } | null;
  if (h === null || typeof h !== 'object' || h.format !== DAEMON_HEADER.format || h.version !== DAEMON_HEADER.version) {
    return { error: `Datagram header must be ${JSON.stringify(DAEMON_HEADER)}, got ${text.slice(0, Math.min(newline, 80))}` };
  }
  return { document: text.slice(newline + 1).trim() };
}

/**
 * The X-Ray daemon's UDP side on loopback: each datagram is a header and a segment document,
 * handed to the XRay model. Bad datagrams and documents are counted there (stats()), never fatal.
 */
export function startXRayDaemon(props: XRayDaemonProps): Promise<RunningXRayDaemon> {
  const host = props.host ?? '127.0.0.1';
  const socket: Socket = createSocket('udp4');
  let datagrams = 0;
  let socketErrors = 0;
  socket.on('message', (data) => {
    datagrams++;
    const read = readDatagram(data);
    if ('error' in read) {
      props.xray.reject('BadDatagramHeader', read.error);
      return;
    }
    try {
      props.xray.ingest(read.document);
    } catch (err) {
      // Already counted by the model; anything else is a bug worth seeing.
      if (!(err instanceof SegmentDocumentError)) throw err;
    }
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(props.port ?? 0, host, () => {
      socket.off('error', reject);
      // An error reported on a bound socket is counted; the daemon keeps listening.
      socket.on('error', () => {
        socketErrors++;
      });
      const { port } = socket.address() as AddressInfo;
      resolve({
        address: `${host}:${port}`,
        port,
        datagrams: () => datagrams,
        socketErrors: () => socketErrors,
        close: () => new Promise<void>((done) => socket.close(() => done())),
      });
    });
  });
}
