export * from './request.js';
export * from './visibility.js';
export * from './walk.js';
