/**
 * `GET /_matrix/client/v3/rooms/{roomId}/aliases` 200 response body.
 *
 * @module
 */
import { z } from 'zod';
import { roomAliasSchema } from './internal-fields.js';

/** The server's local `aliases` of a room. */
export const roomAliasesResponseSchema = z.looseObject({
  aliases: z.array(roomAliasSchema),
});

/** The local aliases of a room. */
export type RoomAliasesResponse = z.infer<typeof roomAliasesResponseSchema>;
