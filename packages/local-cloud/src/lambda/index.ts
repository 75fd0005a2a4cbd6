export { lambdaApi } from './api/routes';
export { LAMBDA_LIMITS } from './constants';
export type { FunctionMetrics } from './deployed-function';
export { LambdaService, LOCAL_CODE_BUCKET, type LambdaServiceProps } from './lambda-service';
