export * from './server-name.js';
