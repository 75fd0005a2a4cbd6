import { createSocket } from 'node:dgram';
import type * as XRaySdk from 'aws-xray-sdk-core';

export const HEADER = '{"format":"json","version":1}\n';

/** Sends raw datagrams to the daemon and closes the socket. */
export async function sendDatagrams(port: number, ...payloads: (string | Buffer)[]): Promise<void> {
  const socket = createSocket('udp4');
  try {
    for (const p of payloads) {
      await new Promise<void>((resolve, reject) => socket.send(typeof p === 'string' ? Buffer.from(p) : p, port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
    }
  } finally {
    await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}

/** Resolves once `check` holds (UDP delivery is asynchronous); fails after `timeoutMs`. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * A fresh aws-xray-sdk-core loaded with `env` in process.env (the SDK reads the daemon address
 * and Lambda mode when it loads). Its emitter uses a socket per send, closed after it, so the
 * test leaves no socket open. `restore` puts process.env back.
 */
export function loadXRaySdk(env: Record<string, string>): { sdk: typeof XRaySdk; restore: () => void } {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  let sdk: typeof XRaySdk | undefined;
  jest.isolateModules(() => {
    sdk = require('aws-xray-sdk-core') as typeof XRaySdk;
    (require('aws-xray-sdk-core/dist/lib/segment_emitter') as { disableReusableSocket(): void }).disableReusableSocket();
    sdk.setLogger({ debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined });
  });
  return {
    sdk: sdk as typeof XRaySdk,
    restore: () => {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
}
