/**
 * `m.room.guest_access` (client-server "m.room.guest_access").
 *
 * @module
 */
import { z } from 'zod';
import { defineStateEvent, emptyStateKeySchema } from '../client-event.js';

/** Content of `m.room.guest_access`. */
export const roomGuestAccessContentSchema = z.looseObject({
  guest_access: z.enum(['can_join', 'forbidden']),
});

/** Content of `m.room.guest_access`. */
export type RoomGuestAccessContent = z.infer<typeof roomGuestAccessContentSchema>;

/** A client-format `m.room.guest_access` event. */
export const roomGuestAccessEventSchema = defineStateEvent('m.room.guest_access', roomGuestAccessContentSchema, emptyStateKeySchema);

/** A client-format `m.room.guest_access` event. */
export type RoomGuestAccessEvent = z.infer<typeof roomGuestAccessEventSchema>;
