export * from './metrics.options';
export * from './service-metrics';
export * from './http-metrics';
export * from './kafka-metrics';
export * from './operational-metrics';
export * from './metrics.controller';
export * from './metrics.module';
