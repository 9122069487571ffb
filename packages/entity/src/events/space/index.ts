export * from './space-child.js';
export * from './space-parent.js';
