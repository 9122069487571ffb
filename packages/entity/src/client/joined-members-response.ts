/**
 * `GET /_matrix/client/v3/rooms/{roomId}/joined_members` 200 response body.
 *
 * @module
 */
import { z } from 'zod';
import { mxcUriSchema, userIdSchema } from './internal-fields.js';

/** A joined member's profile in the room. */
const roomMemberSchema = z.looseObject({
  display_name: z.string().optional(),
  avatar_url: mxcUriSchema.optional(),
});

/** The joined members of a room: `joined`, user ID to `display_name` and `avatar_url`. */
export const joinedMembersResponseSchema = z.looseObject({
  joined: z.record(userIdSchema, roomMemberSchema).optional(),
});

/** The joined members of a room. */
export type JoinedMembersResponse = z.infer<typeof joinedMembersResponseSchema>;
