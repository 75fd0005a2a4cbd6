export { deployStacks, planStacks, type DeployedStack } from './deploy-stacks';
export { DEPLOYERS, RECORDED_TYPES } from './deployers';
export { StackLoadError } from './errors';
export type { StackPlan } from './plan';
export { readSynthesizedStacks, type StackResource, type SynthesizedStack } from './stack';
