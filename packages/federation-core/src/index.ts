export * from './json/index.js';
export * from './room-versions/index.js';
export * from './events/index.js';
