/**
 * The environment an AWS user has, pointed at a local endpoint: static keys for the default
 * chain, AWS_ENDPOINT_URL for every client, and no instance metadata lookups (they would leave
 * the loopback interface).
 */
const KEYS = ['AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_EC2_METADATA_DISABLED', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'] as const;

export function pointAwsAt(url: string | undefined, credentials: boolean): () => void {
  const saved = new Map(KEYS.map((k) => [k, process.env[k]]));
  for (const k of KEYS) delete process.env[k];
  process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
  // No profile files either: a developer's own ~/.aws must not leak into the test.
  process.env['AWS_CONFIG_FILE'] = '/nonexistent/aws-config';
  process.env['AWS_SHARED_CREDENTIALS_FILE'] = '/nonexistent/aws-credentials';
  if (url) process.env['AWS_ENDPOINT_URL'] = url;
  if (credentials) {
    process.env['AWS_ACCESS_KEY_ID'] = 'AKIDBENCHTEST';
    process.env['AWS_SECRET_ACCESS_KEY'] = 'bench-test-secret';
  }
  return () => {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}
