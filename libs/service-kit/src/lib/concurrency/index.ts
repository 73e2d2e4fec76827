export * from './if-match';
