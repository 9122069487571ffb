export * from './config.js';
export * from './homeserver.js';
export * from './logger.js';
export type { Services } from './services.js';
