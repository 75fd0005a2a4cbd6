export * from './build-options';
export * from './build';
export * from './invoke';
