/**
 * `m.room.avatar` (client-server "m.room.avatar").
 *
 * @module
 */
import { z } from 'zod';
import { avatarInfoSchema } from '../common/image-info.js';
import { mxcUriSchema } from '../common/mxc-uri.js';
import { defineStateEvent, emptyStateKeySchema } from '../client-event.js';

/** Content of `m.room.avatar`. */
export const roomAvatarContentSchema = z.looseObject({
  info: avatarInfoSchema.optional(),
  url: mxcUriSchema.optional(),
});

/** Content of `m.room.avatar`. */
export type RoomAvatarContent = z.infer<typeof roomAvatarContentSchema>;

/** A client-format `m.room.avatar` event. */
export const roomAvatarEventSchema = defineStateEvent('m.room.avatar', roomAvatarContentSchema, emptyStateKeySchema);

/** A client-format `m.room.avatar` event. */
export type RoomAvatarEvent = z.infer<typeof roomAvatarEventSchema>;
