import { z } from 'zod';
import { inviteEventSchema } from './invite-event.js';

/** Response of `PUT /_matrix/federation/v2/invite/{roomId}/{eventId}`: the event signed by the invited server. */
// server-server API: PUT /invite/{roomId}/{eventId} (v2) response
export const inviteV2ResponseSchema = z.looseObject({
  event: inviteEventSchema,
});

/** Response of `PUT /invite` (v2). */
export type InviteV2Response = z.infer<typeof inviteV2ResponseSchema>;
