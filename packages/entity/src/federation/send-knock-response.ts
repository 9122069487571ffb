import { z } from 'zod';
import { rawPduSchema } from '../pdu/index.js';

/**
 * Response of `PUT /_matrix/federation/v1/send_knock/{roomId}/{eventId}`: state events
 * (in the room version's PDU format, which MUST include `m.room.create`) to help the
 * knocking user identify the room.
 */
// server-server API: PUT /send_knock/{roomId}/{eventId} (v1) response
export const sendKnockResponseSchema = z.looseObject({
  knock_room_state: z.array(rawPduSchema),
});

/** Response of `PUT /send_knock`. */
export type SendKnockResponse = z.infer<typeof sendKnockResponseSchema>;
