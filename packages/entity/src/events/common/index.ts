export * from './encrypted-file.js';
export * from './image-info.js';
export * from './mxc-uri.js';
export * from './primitives.js';
export * from './text-content-block.js';
export * from './thumbnail-info.js';
