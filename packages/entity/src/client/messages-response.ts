/**
 * `GET /_matrix/client/v3/rooms/{roomId}/messages` 200 response body (client-server
 * "Getting events for a room", message_pagination.yaml).
 *
 * @module
 */
import { z } from 'zod';
import { clientEventSchema } from './client-event.js';

/**
 * A page of a room's timeline: `start` (the `from` token), `end` (absent when there are
 * no more events), `chunk` (the events, in client format) and `state` (state events
 * relevant to `chunk`, e.g. lazy-loaded members).
 */
export const messagesResponseSchema = z.looseObject({
  start: z.string(),
  end: z.string().optional(),
  chunk: z.array(clientEventSchema),
  state: z.array(clientEventSchema).optional(),
});

/** A page of a room's timeline. */
export type MessagesResponse = z.infer<typeof messagesResponseSchema>;
