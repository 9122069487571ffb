/**
 * A knocked room in `GET /_matrix/client/v3/sync` (`rooms.knock.<roomId>`, "Knocked Room").
 *
 * @module
 */
import { z } from 'zod';
import { strippedStateEventSchema } from '../events/client-event.js';

/** A knock: `knock_state.events`, stripped state events describing the room. */
export const syncKnockedRoomSchema = z.looseObject({
  knock_state: z
    .looseObject({
      events: z.array(strippedStateEventSchema).optional(),
    })
    .optional(),
});

/** A knocked room in `/sync`. */
export type SyncKnockedRoom = z.infer<typeof syncKnockedRoomSchema>;
