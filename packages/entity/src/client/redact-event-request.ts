/**
 * `PUT /_matrix/client/v3/rooms/{roomId}/redact/{eventId}/{txnId}` request body
 * (client-server "Redactions").
 *
 * @module
 */
import { z } from 'zod';

/** Redaction request: an optional `reason`. */
export const redactEventRequestSchema = z.looseObject({
  reason: z.string().optional(),
});

/** Redaction request body. */
export type RedactEventRequest = z.infer<typeof redactEventRequestSchema>;
