export type * from './definition';
