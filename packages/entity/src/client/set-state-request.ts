/**
 * `PUT /_matrix/client/v3/rooms/{roomId}/state/{eventType}/{stateKey}` request body
 * (client-server "Sending events to a room"): the content of the state event.
 *
 * @module
 */
import { z } from 'zod';
import { jsonObjectField } from './internal-fields.js';

/** The content of the state event to set: any JSON object, checked against its type elsewhere. */
export const setStateRequestSchema = jsonObjectField;

/** The content of the state event to set. */
export type SetStateRequest = z.infer<typeof setStateRequestSchema>;
