import * as path from 'node:path';
import { Construct } from 'constructs';
import { S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { InfraConfig } from '../config';
import type { LambdaBundle, PatternId } from '../constants';

export interface PatternStackProps {
  readonly config: InfraConfig;
  /** Overrides of `<config.bundleRoot>/<name>` per Lambda (tests pass fixture folders). */
  readonly bundleDirs?: Partial<Record<LambdaBundle, string>>;
}

/** What every pattern stack shares: the AWS provider with default tags, the optional S3 state backend, naming. */
export abstract class PatternStack extends TerraformStack {
  protected readonly config: InfraConfig;
  /** `<namePrefix>-<pattern>`: the state machine's name and the stem of every other name. */
  readonly baseName: string;
  private readonly bundleDirs: Partial<Record<LambdaBundle, string>>;

  protected constructor(scope: Construct, readonly patternId: PatternId, props: PatternStackProps) {
    super(scope, patternId);
    this.config = props.config;
    this.bundleDirs = props.bundleDirs ?? {};
    this.baseName = `${props.config.namePrefix}-${patternId}`;
    new AwsProvider(this, 'aws', {
      region: props.config.region,
      defaultTags: [{ tags: { ...props.config.tags, pattern: patternId } }],
    });
    const backend = props.config.backend;
    if (backend !== undefined) {
      new S3Backend(this, {
        bucket: backend.bucket,
        key: `${backend.keyPrefix ?? 'sfn-fanout'}/${patternId}.tfstate`,
        region: backend.region ?? props.config.region,
        encrypt: true,
        ...(backend.dynamodbTable === undefined ? { useLockfile: true } : { dynamodbTable: backend.dynamodbTable }),
      });
    }
  }

  protected bundleDir(name: LambdaBundle): string {
    return this.bundleDirs[name] ?? path.join(this.config.bundleRoot, name);
  }

  /** Outputs keep their ids (no hash suffix) so the deploy outputs file has stable keys. */
  protected output(id: string, value: string | number, description: string): void {
    new TerraformOutput(this, id, { value, description, staticId: true });
  }
}
