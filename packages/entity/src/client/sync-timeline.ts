/**
 * The `timeline` of a room in `GET /_matrix/client/v3/sync` (definitions/timeline_batch.yaml).
 *
 * @module
 */
import { z } from 'zod';
import { clientEventWithoutRoomIdSchema } from './client-event-without-room-id.js';

/**
 * A room's timeline in `/sync`: the `events` (message and state events), whether it was
 * `limited` (events were left out) and `prev_batch` (a `/messages` token for earlier
 * events, omitted when there are none).
 */
export const syncTimelineSchema = z.looseObject({
  events: z.array(clientEventWithoutRoomIdSchema),
  limited: z.boolean().optional(),
  prev_batch: z.string().optional(),
});

/** A room's timeline in `/sync`. */
export type SyncTimeline = z.infer<typeof syncTimelineSchema>;
