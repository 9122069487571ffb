export * from './backend.js';
export * from './sha256.js';
export * from './signing-key.js';
export * from './sign-json.js';
