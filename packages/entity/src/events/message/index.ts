export * from './media-message-content.js';
export * from './other-message-content.js';
export * from './reaction.js';
export * from './room-encrypted.js';
export * from './room-message-content.js';
export * from './sticker.js';
export * from './text-message-content.js';
