export * from './json-value.js';
export * from './canonical-json.js';
export * from './strict-json.js';
