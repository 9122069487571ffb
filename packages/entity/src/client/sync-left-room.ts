/**
 * A left room in `GET /_matrix/client/v3/sync` (`rooms.leave.<roomId>`, "Left Room").
 *
 * @module
 */
import { z } from 'zod';
import { syncEventBatchSchema } from './sync-event-batch.js';
import { syncStateSchema } from './sync-state.js';
import { syncTimelineSchema } from './sync-timeline.js';

/** Updates to a room the user left or was removed from: `state`, `state_after`, `timeline`, `account_data`. */
export const syncLeftRoomSchema = z.looseObject({
  state: syncStateSchema.optional(),
  state_after: syncStateSchema.optional(),
  timeline: syncTimelineSchema.optional(),
  account_data: syncEventBatchSchema.optional(),
});

/** A left room in `/sync`. */
export type SyncLeftRoom = z.infer<typeof syncLeftRoomSchema>;
