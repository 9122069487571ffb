/**
 * `GET /_matrix/client/v3/joined_rooms` 200 response body (client-server "Room
 * membership", list_joined_rooms.yaml).
 *
 * @module
 */
import { z } from 'zod';
import { roomIdSchema } from './internal-fields.js';

/** The IDs of the rooms the user has joined: `joined_rooms`. */
export const joinedRoomsResponseSchema = z.looseObject({
  joined_rooms: z.array(roomIdSchema),
});

/** The rooms the user has joined. */
export type JoinedRoomsResponse = z.infer<typeof joinedRoomsResponseSchema>;
