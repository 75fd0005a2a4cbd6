export * from './tracer';
