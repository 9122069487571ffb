/**
 * `RoomFilter`, the `room` part of a sync filter (client-server "Filtering",
 * definitions/sync_filter.yaml).
 *
 * @module
 */
import { z } from 'zod';
import { roomIdSchema } from './internal-fields.js';
import { roomEventFilterSchema } from './room-event-filter.js';

/**
 * Filters for room data: `rooms` / `not_rooms` (applied first), `include_leave`, and room
 * event filters for `ephemeral`, `state`, `timeline` and `account_data`.
 */
export const roomFilterSchema = z.looseObject({
  not_rooms: z.array(roomIdSchema).optional(),
  rooms: z.array(roomIdSchema).optional(),
  ephemeral: roomEventFilterSchema.optional(),
  include_leave: z.boolean().optional(),
  state: roomEventFilterSchema.optional(),
  timeline: roomEventFilterSchema.optional(),
  account_data: roomEventFilterSchema.optional(),
});

/** Filters for room data. */
export type RoomFilter = z.infer<typeof roomFilterSchema>;
