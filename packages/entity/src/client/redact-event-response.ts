/**
 * `PUT /_matrix/client/v3/rooms/{roomId}/redact/{eventId}/{txnId}` 200 response body.
 *
 * @module
 */
import { z } from 'zod';
import { eventIdSchema } from './internal-fields.js';

/** The `event_id` of the redaction event (optional in the spec's schema). */
export const redactEventResponseSchema = z.looseObject({
  event_id: eventIdSchema.optional(),
});

/** Redaction response body. */
export type RedactEventResponse = z.infer<typeof redactEventResponseSchema>;
