/** What an SDK v3 call rejects with: the error's name, its HTTP status and (for S3) its code. */
export type SdkRejection = Error & { name: string; $metadata?: { httpStatusCode?: number }; Code?: string };

/** The error a call that must fail rejects with; fails the test when the call succeeds. */
export async function rejection(promise: Promise<unknown>): Promise<SdkRejection> {
  try {
    await promise;
  } catch (err) {
    return err as SdkRejection;
  }
  throw new Error('expected the call to fail, it succeeded');
}
