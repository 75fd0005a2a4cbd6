import type { ResourceDeployer } from './resources/deployer';
import { EVENTS_DEPLOYERS } from './resources/events';
import { IAM_DEPLOYERS } from './resources/iam';
import { LAMBDA_DEPLOYERS } from './resources/lambda';
import { LOGS_DEPLOYERS } from './resources/logs';
import { RECORDED_DEPLOYERS } from './resources/recorded';
import { S3_DEPLOYERS } from './resources/s3';
import { SQS_DEPLOYERS } from './resources/sqs';
import { STATES_DEPLOYERS } from './resources/states';

/** Every Terraform resource type the local cloud deploys, by type. */
export const DEPLOYERS: ReadonlyMap<string, ResourceDeployer> = new Map(
  [...IAM_DEPLOYERS, ...LOGS_DEPLOYERS, ...LAMBDA_DEPLOYERS, ...SQS_DEPLOYERS, ...S3_DEPLOYERS, ...EVENTS_DEPLOYERS, ...STATES_DEPLOYERS, ...RECORDED_DEPLOYERS].map((d) => [d.type, d]),
);

/** Types deployed only as records (not run): listed by `up`. */
export const RECORDED_TYPES: ReadonlySet<string> = new Set(RECORDED_DEPLOYERS.map((d) => d.type));
