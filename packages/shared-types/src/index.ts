export * from './aws-limits';
export * from './callback-reporting';
export * from './ceilings';
export * from './messages';
export * from './patterns';
export * from './summary';
export * from './summary-metrics';
export * from './validation';
