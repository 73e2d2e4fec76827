export * from './infrastructure';
export * from './databases';
export * from './kafka';
export * from './service-definition.checks';
export * from './route-walker';
export * from './test-tokens';
export * from './built-service';
export * from './log-capture';
