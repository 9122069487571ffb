import { z } from 'zod';
import { inviteEventSchema } from './invite-event.js';

/**
 * Response of `PUT /_matrix/federation/v1/invite/{roomId}/{eventId}`: the historical
 * `[200, { event }]` pair, the event signed by the invited server.
 */
// server-server API: PUT /invite/{roomId}/{eventId} (v1) response
export const inviteV1ResponseSchema = z.tuple([z.literal(200), z.looseObject({ event: inviteEventSchema })]);

/** Response of `PUT /invite` (v1). */
export type InviteV1Response = z.infer<typeof inviteV1ResponseSchema>;
