export * from './join-rules-content.js';
export * from './join-check.js';
