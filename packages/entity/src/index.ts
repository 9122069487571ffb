export * from './identifiers/index.js';
