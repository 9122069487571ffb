/**
 * `m.room.history_visibility` (client-server "m.room.history_visibility").
 *
 * @module
 */
import { z } from 'zod';
import { defineStateEvent, emptyStateKeySchema } from '../client-event.js';

/** Who may read the room's history. */
export const historyVisibilitySchema = z.enum(['invited', 'joined', 'shared', 'world_readable']);

/** Who may read the room's history. */
export type HistoryVisibility = z.infer<typeof historyVisibilitySchema>;

/** Content of `m.room.history_visibility`. */
export const roomHistoryVisibilityContentSchema = z.looseObject({
  history_visibility: historyVisibilitySchema,
});

/** Content of `m.room.history_visibility`. */
export type RoomHistoryVisibilityContent = z.infer<typeof roomHistoryVisibilityContentSchema>;

/** A client-format `m.room.history_visibility` event. */
export const roomHistoryVisibilityEventSchema = defineStateEvent('m.room.history_visibility', roomHistoryVisibilityContentSchema, emptyStateKeySchema);

/** A client-format `m.room.history_visibility` event. */
export type RoomHistoryVisibilityEvent = z.infer<typeof roomHistoryVisibilityEventSchema>;
