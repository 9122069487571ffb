import { z } from 'zod';
import { rawPduSchema } from '../pdu/index.js';
import { inviteEventSchema } from './invite-event.js';

/**
 * Request body of `PUT /_matrix/federation/v1/invite/{roomId}/{eventId}`: the invite
 * event, with `unsigned.invite_room_state` (state events in the room version's format,
 * which MUST include `m.room.create`) when the inviting server sends it. The room version
 * is assumed to be "1" or "2".
 */
// server-server API: PUT /invite/{roomId}/{eventId} (v1) request
export const inviteV1RequestSchema = inviteEventSchema.extend({
  unsigned: z
    .looseObject({
      invite_room_state: z.array(rawPduSchema).optional(),
    })
    .optional(),
});

/** Request body of `PUT /invite` (v1). */
export type InviteV1Request = z.infer<typeof inviteV1RequestSchema>;
