export * from './tracing-settings';
export * from './tracing';
export * from './http-tracing.middleware';
