/**
 * `m.room.create` (client-server "m.room.create"; room version 12 adds
 * `additional_creators`).
 *
 * @module
 */
import { z } from 'zod';
import { eventIdSchema, roomIdSchema, userIdSchema } from '../../identifiers/schemas.js';
import { defineStateEvent, emptyStateKeySchema } from '../client-event.js';

/** A reference to the room this room replaces (`predecessor`). */
export const previousRoomSchema = z.looseObject({
  room_id: roomIdSchema,
  /** Deprecated since v1.16 (room version 12 drops it). */
  event_id: eventIdSchema.optional(),
});

/** A reference to the room this room replaces. */
export type PreviousRoom = z.infer<typeof previousRoomSchema>;

/** Content of `m.room.create`. */
export const roomCreateContentSchema = z.looseObject({
  /** Removed in room version 11 (the `sender` is the creator). */
  creator: userIdSchema.optional(),
  'm.federate': z.boolean().optional(),
  room_version: z.string().optional(),
  type: z.string().optional(),
  predecessor: previousRoomSchema.optional(),
  additional_creators: z.array(userIdSchema).optional(),
});

/** Content of `m.room.create`. */
export type RoomCreateContent = z.infer<typeof roomCreateContentSchema>;

/** A client-format `m.room.create` event. */
export const roomCreateEventSchema = defineStateEvent('m.room.create', roomCreateContentSchema, emptyStateKeySchema);

/** A client-format `m.room.create` event. */
export type RoomCreateEvent = z.infer<typeof roomCreateEventSchema>;
