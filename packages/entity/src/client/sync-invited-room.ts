/**
 * An invited room in `GET /_matrix/client/v3/sync` (`rooms.invite.<roomId>`, "Invited Room").
 *
 * @module
 */
import { z } from 'zod';
import { strippedStateEventSchema } from '../events/client-event.js';

/** An invite: `invite_state.events`, stripped state events describing the room. */
export const syncInvitedRoomSchema = z.looseObject({
  invite_state: z
    .looseObject({
      events: z.array(strippedStateEventSchema).optional(),
    })
    .optional(),
});

/** An invited room in `/sync`. */
export type SyncInvitedRoom = z.infer<typeof syncInvitedRoomSchema>;
