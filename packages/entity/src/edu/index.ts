export * from './any-edu.js';
export * from './device-list-update-edu.js';
export * from './direct-to-device-edu.js';
export * from './edu.js';
export * from './presence-edu.js';
export * from './receipt-edu.js';
export * from './signing-key-update-edu.js';
export * from './typing-edu.js';
