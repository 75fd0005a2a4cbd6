/** The test account and region, and ARNs in them. */
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export const arn = (service: string, resource: string): string => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
export const fnArn = (name: string): string => arn('lambda', `function:${name}`);
export const roleArn = (name: string): string => `arn:aws:iam::${ACCOUNT}:role/${name}`;
