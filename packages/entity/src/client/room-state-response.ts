/**
 * `GET /_matrix/client/v3/rooms/{roomId}/state` 200 response body (client-server
 * "Getting events for a room").
 *
 * @module
 */
import { z } from 'zod';
import { clientEventSchema } from './client-event.js';

/** The current state of a room: an array of state events in client format. */
export const roomStateResponseSchema = z.array(
  clientEventSchema.refine((event) => event.state_key !== undefined, {
    message: 'a state event must have a state_key',
    path: ['state_key'],
  }),
);

/** The current state of a room. */
export type RoomStateResponse = z.infer<typeof roomStateResponseSchema>;
