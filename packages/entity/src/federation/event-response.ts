import { z } from 'zod';
import { serverNameSchema } from '../identifiers/index.js';
import { rawPduSchema } from '../pdu/index.js';

/**
 * Response of `GET /_matrix/federation/v1/event/{eventId}`: a transaction holding exactly
 * the one PDU requested (definitions/single_pdu_transaction.yaml).
 */
// server-server API: GET /event/{eventId} response
export const eventResponseSchema = z.looseObject({
  origin: serverNameSchema,
  origin_server_ts: z.int(),
  pdus: z.array(rawPduSchema).length(1),
});

/** Response of `GET /event`. */
export type EventResponse = z.infer<typeof eventResponseSchema>;
