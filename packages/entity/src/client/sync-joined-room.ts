/**
 * A joined room in `GET /_matrix/client/v3/sync` (`rooms.join.<roomId>`, "Joined Room").
 *
 * @module
 */
import { z } from 'zod';
import { syncEventBatchSchema } from './sync-event-batch.js';
import { syncRoomSummarySchema } from './sync-room-summary.js';
import { syncStateSchema } from './sync-state.js';
import { syncTimelineSchema } from './sync-timeline.js';
import { unreadNotificationCountsSchema } from './unread-notification-counts.js';

// Thread root event IDs key `unread_thread_notifications`. The spec's schema only gives the
// pattern `^\$` for them and its example uses the placeholder `$threadroot`, so keys are
// checked against that pattern rather than the full event ID grammar.
const threadRootKey = z.string().regex(/^\$/, 'a thread root must be an event ID (starting with $)');

/**
 * Updates to a joined room: `summary`, `state` (up to the start of the timeline; omitted
 * with `use_state_after`), `state_after` (v1.16, up to its end), `timeline`, `ephemeral`
 * (typing, receipts), `account_data`, `unread_notifications` and
 * `unread_thread_notifications` (thread root event ID to counts).
 */
export const syncJoinedRoomSchema = z.looseObject({
  summary: syncRoomSummarySchema.optional(),
  state: syncStateSchema.optional(),
  state_after: syncStateSchema.optional(),
  timeline: syncTimelineSchema.optional(),
  ephemeral: syncEventBatchSchema.optional(),
  account_data: syncEventBatchSchema.optional(),
  unread_notifications: unreadNotificationCountsSchema.optional(),
  unread_thread_notifications: z.record(threadRootKey, unreadNotificationCountsSchema).optional(),
});

/** A joined room in `/sync`. */
export type SyncJoinedRoom = z.infer<typeof syncJoinedRoomSchema>;
