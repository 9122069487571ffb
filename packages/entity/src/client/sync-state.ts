/**
 * The `state` and `state_after` of a room in `GET /_matrix/client/v3/sync`
 * (definitions/state_event_batch.yaml).
 *
 * @module
 */
import { z } from 'zod';
import { clientEventWithoutRoomIdSchema } from './client-event-without-room-id.js';

/** State updates of a room in `/sync`: `events`, each a state event (with a `state_key`). */
export const syncStateSchema = z.looseObject({
  events: z
    .array(
      clientEventWithoutRoomIdSchema.refine((event) => event.state_key !== undefined, {
        message: 'a state event must have a state_key',
        path: ['state_key'],
      }),
    )
    .optional(),
});

/** State updates of a room in `/sync`. */
export type SyncState = z.infer<typeof syncStateSchema>;
