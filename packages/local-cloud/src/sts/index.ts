export { callerIdentity, roleId, type CallerIdentity } from './identity';
export { STS_NAMESPACE, stsService, type StsServiceProps } from './sts-service';
