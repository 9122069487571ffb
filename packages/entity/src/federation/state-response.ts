import { z } from 'zod';
import { rawPduSchema } from '../pdu/index.js';

/** Response of `GET /_matrix/federation/v1/state/{roomId}`: the state at an event and its auth chain (PDUs). */
// server-server API: GET /state/{roomId} response
export const stateResponseSchema = z.looseObject({
  auth_chain: z.array(rawPduSchema),
  pdus: z.array(rawPduSchema),
});

/** Response of `GET /state`. */
export type StateResponse = z.infer<typeof stateResponseSchema>;
