import { z } from 'zod';
import { serverNameSchema, userIdSchema } from '../identifiers/index.js';

/**
 * The invite event of `PUT /invite` (definitions/invite_event.yaml): an `m.room.member`
 * event with `membership` `invite`, in the room version's PDU format (the fields named
 * here are checked, the rest kept). `state_key` is the invited user.
 */
// server-server API: PUT /invite/{roomId}/{eventId} InviteEvent
export const inviteEventSchema = z.looseObject({
  sender: userIdSchema,
  origin: serverNameSchema,
  origin_server_ts: z.int(),
  type: z.literal('m.room.member'),
  state_key: userIdSchema,
  content: z.looseObject({
    // "Must include a `membership` of `invite`."
    membership: z.literal('invite'),
  }),
});

/** An invite event. */
export type InviteEvent = z.infer<typeof inviteEventSchema>;
