export * from './dummy.js';
export * from './forwarded-room-key.js';
export * from './room-key-bundle.js';
export * from './room-key-request.js';
export * from './room-key-withheld.js';
export * from './room-key.js';
export * from './secret-request.js';
export * from './secret-send.js';
