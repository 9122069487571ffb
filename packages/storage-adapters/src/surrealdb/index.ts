export * from './surreal-store.js';
