export * from './url/index.js';
