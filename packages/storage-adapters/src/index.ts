/**
 * `@maxtryx/storage-adapters`: the store interfaces of a Matrix homeserver, the abstract
 * base every adapter derives from, the in-memory adapter and the input validator.
 * The SQLite and SurrealDB adapters are the subpaths `@maxtryx/storage-adapters/sqlite`
 * and `@maxtryx/storage-adapters/surrealdb`; this entry never loads their drivers.
 *
 * @module
 */
export * from './errors.js';
export * from './types.js';
export * from './interfaces.js';
export * from './adapter.js';
export * from './base.js';
export * from './validate.js';
export * from './memory/index.js';
