export * from './verify-key-lookup.js';
export * from './invalid-server-key-document-error.js';
export * from './server-key-document.js';
export * from './verify-server-key-document.js';
export * from './notary-response.js';
export * from './server-keys-lookup.js';
