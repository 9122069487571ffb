/**
 * `GET /_matrix/client/v3/directory/room/{roomAlias}` 200 response body.
 *
 * @module
 */
import { z } from 'zod';
import { roomIdSchema, serverNameSchema } from './internal-fields.js';

/** The `room_id` an alias points to and `servers` that know about the room. */
export const resolveRoomAliasResponseSchema = z.looseObject({
  room_id: roomIdSchema.optional(),
  servers: z.array(serverNameSchema).optional(),
});

/** A resolved room alias. */
export type ResolveRoomAliasResponse = z.infer<typeof resolveRoomAliasResponseSchema>;
