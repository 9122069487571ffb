/**
 * `PUT /_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}` 200 response body.
 *
 * @module
 */
import { z } from 'zod';
import { eventIdSchema } from './internal-fields.js';

/** The `event_id` of the sent event. */
export const sendEventResponseSchema = z.looseObject({
  event_id: eventIdSchema,
});

/** The ID of the sent event. */
export type SendEventResponse = z.infer<typeof sendEventResponseSchema>;
