// Starts S3 alone on a gateway (127.0.0.1, free port), runs aws-cli-check.sh against it, exits with its status.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Clock } from '../../core/clock';
import { startGateway } from '../../gateway/gateway';
import { S3Model } from '../model/s3-model';
import { createS3Service } from '../s3-service';

async function main(): Promise<number> {
  const model = new S3Model({ clock: new Clock() });
  const gateway = await startGateway({ services: [createS3Service({ model })] });
  try {
    const child = spawn('bash', [join(__dirname, 'aws-cli-check.sh')], { stdio: 'inherit', env: { ...process.env, ENDPOINT: gateway.url } });
    return await new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code) => resolve(code ?? 1));
    });
  } finally {
    model.close();
    await gateway.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
