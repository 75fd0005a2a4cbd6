import type { StaticCredentials } from '../aws/clients';
import type { TargetName } from '../options';
import type { OutputsFile } from '../outputs';

/**
 * Where the runs go. Both targets are driven by the same runner over the same SDK clients:
 * only the endpoint and the credentials differ (none for AWS: the SDK's defaults apply).
 */
export interface Target {
  name: TargetName;
  outputs: OutputsFile;
  endpoint?: string;
  credentials?: StaticCredentials;
  /** Simulated ms per real ms (1 on AWS): the runner's waits are divided by it. */
  timeScale: number;
  /** How long (real ms) to wait for an execution's Lambda logs to arrive. */
  logsWaitMs: number;
  /** What the user should know about how the target was set up (a raised quota). */
  notes: string[];
  stop(): Promise<void>;
}
