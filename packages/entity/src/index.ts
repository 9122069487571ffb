export * from './identifiers/index.js';
export * from './events/index.js';
export * from './pdu/index.js';
export * from './edu/index.js';
export * from './federation/index.js';
export * from './errors/index.js';
export * from './client/index.js';
