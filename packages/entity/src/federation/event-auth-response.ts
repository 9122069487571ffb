import { z } from 'zod';
import { rawPduSchema } from '../pdu/index.js';

/** Response of `GET /_matrix/federation/v1/event_auth/{roomId}/{eventId}`: the event's full auth chain (PDUs). */
// server-server API: GET /event_auth/{roomId}/{eventId} response
export const eventAuthResponseSchema = z.looseObject({
  auth_chain: z.array(rawPduSchema),
});

/** Response of `GET /event_auth`. */
export type EventAuthResponse = z.infer<typeof eventAuthResponseSchema>;
