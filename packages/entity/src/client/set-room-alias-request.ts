/**
 * `PUT /_matrix/client/v3/directory/room/{roomAlias}` request body (client-server "Room
 * aliases"). The 200 response is {@link emptyResponseSchema}.
 *
 * @module
 */
import { z } from 'zod';
import { roomIdSchema } from './internal-fields.js';

/** The `room_id` the alias should point to. */
export const setRoomAliasRequestSchema = z.looseObject({
  room_id: roomIdSchema,
});

/** Request body creating a room alias. */
export type SetRoomAliasRequest = z.infer<typeof setRoomAliasRequestSchema>;
