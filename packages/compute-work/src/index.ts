export * from './compute';
export * from './config';
