/**
 * `m.room.image_pack` (client-server "m.room.image_pack" (image packs); image shortcodes are 1 to 100 of `[A-Za-z0-9_-]`).
 *
 * @module
 */
import { z } from 'zod';
import { imageInfoSchema } from '../common/image-info.js';
import { mxcUriSchema } from '../common/mxc-uri.js';
import { defineStateEvent } from '../client-event.js';

/** The shortcode of an image in a pack. */
export const imageShortcodeSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

/** An image of a pack. */
export const packImageSchema = z.looseObject({
  url: mxcUriSchema,
  body: z.string().optional(),
  info: imageInfoSchema.optional(),
});

/** An image of a pack. */
export type PackImage = z.infer<typeof packImageSchema>;

/** Metadata of a pack. */
export const imagePackInfoSchema = z.looseObject({
  display_name: z.string().optional(),
  avatar_url: mxcUriSchema.optional(),
  usage: z.array(z.enum(['emoticon', 'sticker'])).optional(),
  attribution: z.string().optional(),
});

/** Metadata of a pack. */
export type ImagePackInfo = z.infer<typeof imagePackInfoSchema>;

/** Content of `m.room.image_pack`. */
export const roomImagePackContentSchema = z.looseObject({
  images: z.record(imageShortcodeSchema, packImageSchema),
  pack: imagePackInfoSchema.optional(),
});

/** Content of `m.room.image_pack`. */
export type RoomImagePackContent = z.infer<typeof roomImagePackContentSchema>;

/** A client-format `m.room.image_pack` event. */
export const roomImagePackEventSchema = defineStateEvent('m.room.image_pack', roomImagePackContentSchema, z.string());

/** A client-format `m.room.image_pack` event. */
export type RoomImagePackEvent = z.infer<typeof roomImagePackEventSchema>;
