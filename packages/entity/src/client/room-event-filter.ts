/**
 * `RoomEventFilter` of a sync filter (client-server "Filtering",
 * definitions/room_event_filter.yaml).
 *
 * @module
 */
import { z } from 'zod';
import { eventFilterShape } from './event-filter.js';
import { roomIdSchema } from './internal-fields.js';

/**
 * An event filter for room events, adding `rooms` / `not_rooms`, `contains_url`,
 * `lazy_load_members`, `include_redundant_members` and `unread_thread_notifications` (v1.4).
 */
export const roomEventFilterSchema = z.looseObject({
  ...eventFilterShape,
  unread_thread_notifications: z.boolean().optional(),
  lazy_load_members: z.boolean().optional(),
  include_redundant_members: z.boolean().optional(),
  not_rooms: z.array(roomIdSchema).optional(),
  rooms: z.array(roomIdSchema).optional(),
  contains_url: z.boolean().optional(),
});

/** A room event filter. */
export type RoomEventFilter = z.infer<typeof roomEventFilterSchema>;
