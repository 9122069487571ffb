/**
 * `m.image_pack.rooms` (client-server "Image packs": room ID -> state key -> {}).
 *
 * @module
 */
import { z } from 'zod';
import { roomIdSchema } from '../../identifiers/schemas.js';
import { defineBasicEvent } from '../client-event.js';

/** Content of `m.image_pack.rooms`. */
export const imagePackRoomsContentSchema = z.looseObject({
  rooms: z.record(roomIdSchema, z.record(z.string(), z.looseObject({}))),
});

/** Content of `m.image_pack.rooms`. */
export type ImagePackRoomsContent = z.infer<typeof imagePackRoomsContentSchema>;

/** A client-format `m.image_pack.rooms` event. */
export const imagePackRoomsEventSchema = defineBasicEvent('m.image_pack.rooms', imagePackRoomsContentSchema);

/** A client-format `m.image_pack.rooms` event. */
export type ImagePackRoomsEvent = z.infer<typeof imagePackRoomsEventSchema>;
