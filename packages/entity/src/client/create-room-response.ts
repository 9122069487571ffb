/**
 * `POST /_matrix/client/v3/createRoom` 200 response body.
 *
 * @module
 */
import { z } from 'zod';
import { roomIdSchema } from './internal-fields.js';

/** The created room's `room_id`. */
export const createRoomResponseSchema = z.looseObject({
  room_id: roomIdSchema,
});

/** Room creation response body. */
export type CreateRoomResponse = z.infer<typeof createRoomResponseSchema>;
