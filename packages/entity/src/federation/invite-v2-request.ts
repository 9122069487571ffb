import { z } from 'zod';
import { rawPduSchema } from '../pdu/index.js';
import { inviteEventSchema } from './invite-event.js';

/**
 * Request body of `PUT /_matrix/federation/v2/invite/{roomId}/{eventId}`: the room
 * version, the invite event, and `invite_room_state` (state events in the room version's
 * format, which MUST include `m.room.create`).
 */
// server-server API: PUT /invite/{roomId}/{eventId} (v2) request
export const inviteV2RequestSchema = z.looseObject({
  room_version: z.string(),
  event: inviteEventSchema,
  invite_room_state: z.array(rawPduSchema).optional(),
});

/** Request body of `PUT /invite` (v2). */
export type InviteV2Request = z.infer<typeof inviteV2RequestSchema>;
