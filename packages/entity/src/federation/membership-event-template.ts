/**
 * The partial `m.room.member` event the membership handshakes exchange (internal): the
 * templates of `make_join` / `make_leave` / `make_knock` and the requests of
 * `send_join` / `send_leave` / `send_knock`. "The request and response bodies here
 * describe the common event fields ... and may be missing other required fields for a
 * PDU": every other key is kept unchecked, except a `room_id`, checked when present.
 *
 * @module
 */
import { z } from 'zod';
import { roomIdSchema, serverNameSchema, userIdSchema } from '../identifiers/index.js';

/** The shape of a membership event template with the given `membership`. */
export function membershipTemplateShape<M extends 'join' | 'leave' | 'knock'>(membership: M) {
  return {
    sender: userIdSchema,
    origin: serverNameSchema,
    origin_server_ts: z.int(),
    // "The value `m.room.member`."
    type: z.literal('m.room.member'),
    state_key: userIdSchema,
    room_id: roomIdSchema.optional(),
    content: z.looseObject({
      membership: z.literal(membership),
      ...(membership === 'join' ? { join_authorised_via_users_server: userIdSchema.optional() } : {}),
    }),
  };
}

/**
 * A membership template: the user whose membership changes sends the event, so
 * `state_key` must equal `sender` ("both the `sender` and `state_key` are equal to the
 * `userId` path parameter"; `/send_*`: reject if "the `state_key` is not equal to the
 * `sender`").
 */
export function stateKeyIsSender(event: { sender: string; state_key: string }, ctx: z.RefinementCtx): void {
  if (event.state_key !== event.sender) {
    ctx.addIssue({ code: 'custom', path: ['state_key'], message: 'state_key must equal sender' });
  }
}
