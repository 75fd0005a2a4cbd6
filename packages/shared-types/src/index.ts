export * from './aws-limits';
export * from './messages';
export * from './validation';
