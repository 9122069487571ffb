/**
 * `POST /_matrix/client/v3/createRoom` request body (client-server "Room creation").
 *
 * @module
 */
import { z } from 'zod';
import { MAX_IDENTIFIER_BYTES, utf8ByteLength } from '../identifiers/unicode.js';
import { invite3pidSchema } from './invite-3pid.js';
import { eventTypeField, jsonObjectField, roomVersionField, userIdSchema } from './internal-fields.js';

/** A state event of `initial_state`: `type`, `state_key` (defaults to `""`) and `content`. */
const initialStateEventSchema = z.looseObject({
  type: eventTypeField,
  state_key: z.string().optional(),
  content: jsonObjectField,
});

// The alias localpart: any code points but ":" and NUL (appendix "Room Aliases"); the whole
// alias `#<localpart>:<server>` must fit in 255 bytes, which needs the server name, so
// only the bound for the shortest server name (one byte) is checked here: 252 bytes.
const ALIAS_LOCALPART = /^[^:\u0000]+$/;
const MAX_ALIAS_LOCALPART_BYTES = MAX_IDENTIFIER_BYTES - 3;

/**
 * Room creation request: `visibility` (`public` | `private`), `room_alias_name` (the
 * alias localpart), `name`, `topic`, `invite` (user IDs), `invite_3pid`, `room_version`,
 * `creation_content` (extra `m.room.create` content), `initial_state`, `preset`
 * (`private_chat` | `public_chat` | `trusted_private_chat`), `is_direct` and
 * `power_level_content_override`.
 */
export const createRoomRequestSchema = z.looseObject({
  visibility: z.enum(['public', 'private']).optional(),
  room_alias_name: z
    .string()
    .regex(ALIAS_LOCALPART, 'room_alias_name must be a non-empty alias localpart without ":" or NUL')
    .refine((v) => utf8ByteLength(v) <= MAX_ALIAS_LOCALPART_BYTES, {
      message: `room_alias_name longer than ${MAX_ALIAS_LOCALPART_BYTES} bytes cannot make an alias of at most ${MAX_IDENTIFIER_BYTES}`,
    })
    .optional(),
  name: z.string().optional(),
  topic: z.string().optional(),
  invite: z.array(userIdSchema).optional(),
  invite_3pid: z.array(invite3pidSchema).optional(),
  room_version: roomVersionField.optional(),
  creation_content: jsonObjectField.optional(),
  initial_state: z.array(initialStateEventSchema).optional(),
  preset: z.enum(['private_chat', 'public_chat', 'trusted_private_chat']).optional(),
  is_direct: z.boolean().optional(),
  power_level_content_override: jsonObjectField.optional(),
});

/** Room creation request body. */
export type CreateRoomRequest = z.infer<typeof createRoomRequestSchema>;
