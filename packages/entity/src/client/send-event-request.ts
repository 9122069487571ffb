/**
 * `PUT /_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}` request body
 * (client-server "Sending events to a room"): the content of the message event.
 *
 * @module
 */
import { z } from 'zod';
import { jsonObjectField } from './internal-fields.js';

/** The content of the event to send: any JSON object, checked against its type elsewhere. */
export const sendEventRequestSchema = jsonObjectField;

/** The content of the event to send. */
export type SendEventRequest = z.infer<typeof sendEventRequestSchema>;
