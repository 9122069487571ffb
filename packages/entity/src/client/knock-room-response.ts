/**
 * `POST /_matrix/client/v3/knock/{roomIdOrAlias}` 200 response body.
 *
 * @module
 */
import { z } from 'zod';
import { roomIdSchema } from './internal-fields.js';

/** The knocked room's `room_id`. */
export const knockRoomResponseSchema = z.looseObject({
  room_id: roomIdSchema,
});

/** Knock response body. */
export type KnockRoomResponse = z.infer<typeof knockRoomResponseSchema>;
