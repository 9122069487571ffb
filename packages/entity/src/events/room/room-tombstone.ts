/**
 * `m.room.tombstone` (client-server "m.room.tombstone").
 *
 * @module
 */
import { z } from 'zod';
import { roomIdSchema } from '../../identifiers/schemas.js';
import { defineStateEvent, emptyStateKeySchema } from '../client-event.js';

/** Content of `m.room.tombstone`. */
export const roomTombstoneContentSchema = z.looseObject({
  body: z.string(),
  replacement_room: roomIdSchema,
});

/** Content of `m.room.tombstone`. */
export type RoomTombstoneContent = z.infer<typeof roomTombstoneContentSchema>;

/** A client-format `m.room.tombstone` event. */
export const roomTombstoneEventSchema = defineStateEvent('m.room.tombstone', roomTombstoneContentSchema, emptyStateKeySchema);

/** A client-format `m.room.tombstone` event. */
export type RoomTombstoneEvent = z.infer<typeof roomTombstoneEventSchema>;
