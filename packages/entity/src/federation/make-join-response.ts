import { z } from 'zod';
import { membershipTemplateShape, stateKeyIsSender } from './membership-event-template.js';

/**
 * Response of `GET /_matrix/federation/v1/make_join/{roomId}/{userId}`: the room version
 * (absent means "1" or "2") and an unsigned join event template.
 *
 * `event` is required here: the spec's schema has no `required` list, but a response
 * without the template cannot continue the handshake, and the caller "MUST verify" its
 * fields (`type` `m.room.member`, `membership` `join`, `state_key` equal to `sender`).
 */
// server-server API: GET /make_join/{roomId}/{userId} (v1) response
export const makeJoinResponseSchema = z.looseObject({
  room_version: z.string().optional(),
  event: z.looseObject(membershipTemplateShape('join')).superRefine(stateKeyIsSender),
});

/** Response of `GET /make_join`. */
export type MakeJoinResponse = z.infer<typeof makeJoinResponseSchema>;
