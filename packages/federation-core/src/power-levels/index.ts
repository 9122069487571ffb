export * from './power-level-value.js';
export * from './malformed-power-levels-error.js';
export * from './power-levels-content.js';
export * from './room-creators.js';
export * from './room-power-levels.js';
