export * from './lib/topics';
export * from './lib/envelope';
export * from './lib/event-definition';
export * from './lib/event-catalog';
export * from './lib/all-events';
export * from './lib/programs/program-events';
export * from './lib/asyncapi';
