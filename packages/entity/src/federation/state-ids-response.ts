import { z } from 'zod';
import { eventIdSchema } from '../identifiers/index.js';

/** Response of `GET /_matrix/federation/v1/state_ids/{roomId}`: the IDs of the state at an event and of its auth chain. */
// server-server API: GET /state_ids/{roomId} response
export const stateIdsResponseSchema = z.looseObject({
  auth_chain_ids: z.array(eventIdSchema),
  pdu_ids: z.array(eventIdSchema),
});

/** Response of `GET /state_ids`. */
export type StateIdsResponse = z.infer<typeof stateIdsResponseSchema>;
