export * from './errcodes.js';
export * from './matrix-error-body.js';
export * from './matrix-error.js';
