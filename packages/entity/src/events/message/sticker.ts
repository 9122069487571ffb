/**
 * `m.sticker` (client-server "Stickers").
 *
 * @module
 */
import { z } from 'zod';
import { imageInfoSchema } from '../common/image-info.js';
import { mxcUriSchema } from '../common/mxc-uri.js';
import { defineRoomEvent } from '../client-event.js';

/** Content of `m.sticker`. */
export const stickerContentSchema = z.looseObject({
  body: z.string(),
  info: imageInfoSchema,
  url: mxcUriSchema,
});

/** Content of `m.sticker`. */
export type StickerContent = z.infer<typeof stickerContentSchema>;

/** A client-format `m.sticker` event. */
export const stickerEventSchema = defineRoomEvent('m.sticker', stickerContentSchema);

/** A client-format `m.sticker` event. */
export type StickerEvent = z.infer<typeof stickerEventSchema>;
