export * from './pdu.js';
