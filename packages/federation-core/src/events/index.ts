export * from './pdu.js';
export * from './malformed-event-error.js';
export * from './redaction.js';
export * from './content-hash.js';
export * from './reference-hash.js';
export * from './event-id.js';
export * from './hash-and-sign.js';
export * from './verify-event-signatures.js';
