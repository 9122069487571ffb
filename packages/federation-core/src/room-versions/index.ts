export * from './room-version.js';
