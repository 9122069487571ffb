/**
 * `m.room.name` (client-server "m.room.name"; the name should not exceed 255 bytes, a SHOULD the schema does not enforce).
 *
 * @module
 */
import { z } from 'zod';
import { defineStateEvent, emptyStateKeySchema } from '../client-event.js';

/** Content of `m.room.name`. */
export const roomNameContentSchema = z.looseObject({
  name: z.string(),
});

/** Content of `m.room.name`. */
export type RoomNameContent = z.infer<typeof roomNameContentSchema>;

/** A client-format `m.room.name` event. */
export const roomNameEventSchema = defineStateEvent('m.room.name', roomNameContentSchema, emptyStateKeySchema);

/** A client-format `m.room.name` event. */
export type RoomNameEvent = z.infer<typeof roomNameEventSchema>;
