/**
 * `PUT /_matrix/client/v3/rooms/{roomId}/state/{eventType}/{stateKey}` 200 response body.
 *
 * @module
 */
import { z } from 'zod';
import { eventIdSchema } from './internal-fields.js';

/** The `event_id` of the state event. */
export const setStateResponseSchema = z.looseObject({
  event_id: eventIdSchema,
});

/** The ID of the state event. */
export type SetStateResponse = z.infer<typeof setStateResponseSchema>;
