/**
 * `POST /_matrix/client/v3/rooms/{roomId}/join` and `POST /_matrix/client/v3/join/{roomIdOrAlias}`
 * 200 response body.
 *
 * @module
 */
import { z } from 'zod';
import { roomIdSchema } from './internal-fields.js';

/** The joined room's `room_id`. */
export const joinRoomResponseSchema = z.looseObject({
  room_id: roomIdSchema,
});

/** Join response body. */
export type JoinRoomResponse = z.infer<typeof joinRoomResponseSchema>;
