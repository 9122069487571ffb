import { z } from 'zod';
import { serverNameSchema } from '../identifiers/index.js';
import { rawPduSchema } from '../pdu/index.js';

/**
 * Response of `GET /_matrix/federation/v1/backfill/{roomId}`: a transaction without a
 * limit on its PDUs (definitions/unlimited_pdu_transaction.yaml). Validate its events
 * with `pduSchemaFor(roomVersion, { checkReferenceCounts: false })`: backfilled events
 * "MUST NOT be validated" on the `prev_events` / `auth_events` limits.
 */
// server-server API: GET /backfill/{roomId} response
export const backfillResponseSchema = z.looseObject({
  origin: serverNameSchema,
  origin_server_ts: z.int(),
  pdus: z.array(rawPduSchema),
});

/** Response of `GET /backfill`. */
export type BackfillResponse = z.infer<typeof backfillResponseSchema>;
