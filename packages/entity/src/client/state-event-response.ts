/**
 * `GET /_matrix/client/v3/rooms/{roomId}/state/{eventType}/{stateKey}` 200 response body.
 *
 * @module
 */
import { z } from 'zod';
import { jsonObjectField } from './internal-fields.js';

/**
 * One state event: by default its content (any JSON object); with `?format=event`, the
 * whole client-format event, which {@link clientEventSchema} checks.
 */
export const stateEventResponseSchema = jsonObjectField;

/** One state event's content (or the event with `format=event`). */
export type StateEventResponse = z.infer<typeof stateEventResponseSchema>;
