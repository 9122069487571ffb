export * from './presence.js';
export * from './receipt.js';
export * from './typing.js';
