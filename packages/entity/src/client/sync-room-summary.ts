/**
 * The `summary` of a joined room in `GET /_matrix/client/v3/sync` (`RoomSummary`).
 *
 * @module
 */
import { z } from 'zod';
import { nonNegativeIntField, userIdSchema } from './internal-fields.js';

/**
 * What a client needs to name a room: `m.heroes` (user IDs to build a name from),
 * `m.joined_member_count` and `m.invited_member_count` (each omitted when unchanged).
 */
export const syncRoomSummarySchema = z.looseObject({
  'm.heroes': z.array(userIdSchema).optional(),
  'm.joined_member_count': nonNegativeIntField.optional(),
  'm.invited_member_count': nonNegativeIntField.optional(),
});

/** The summary of a joined room in `/sync`. */
export type SyncRoomSummary = z.infer<typeof syncRoomSummarySchema>;
