/**
 * `m.room.pinned_events` (client-server "m.room.pinned_events").
 *
 * @module
 */
import { z } from 'zod';
import { eventIdSchema } from '../../identifiers/schemas.js';
import { defineStateEvent, emptyStateKeySchema } from '../client-event.js';

/** Content of `m.room.pinned_events`. */
export const roomPinnedEventsContentSchema = z.looseObject({
  pinned: z.array(eventIdSchema),
});

/** Content of `m.room.pinned_events`. */
export type RoomPinnedEventsContent = z.infer<typeof roomPinnedEventsContentSchema>;

/** A client-format `m.room.pinned_events` event. */
export const roomPinnedEventsEventSchema = defineStateEvent('m.room.pinned_events', roomPinnedEventsContentSchema, emptyStateKeySchema);

/** A client-format `m.room.pinned_events` event. */
export type RoomPinnedEventsEvent = z.infer<typeof roomPinnedEventsEventSchema>;
