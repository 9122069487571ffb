export * from './parse-x-matrix-authorization.js';
export * from './build-x-matrix-authorization.js';
export * from './verify-x-matrix-authorization.js';
