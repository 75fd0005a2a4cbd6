export * from './compute';
export * from './config';
export * from './reported-error';
