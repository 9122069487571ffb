/**
 * `m.room.join_rules` (client-server "m.room.join_rules"), with the `allow` list of
 * `restricted` and `knock_restricted` rooms (room versions 8 and 10).
 *
 * @module
 */
import { z } from 'zod';
import { roomIdSchema } from '../../identifiers/schemas.js';
import { defineStateEvent, emptyStateKeySchema } from '../client-event.js';

/** A join rule. */
export const joinRuleSchema = z.enum(['public', 'knock', 'invite', 'private', 'restricted', 'knock_restricted']);

/** A join rule. */
export type JoinRule = z.infer<typeof joinRuleSchema>;

/** An `allow` condition: membership of the room `room_id` (required for `m.room_membership`). */
export const allowConditionSchema = z.looseObject({
  type: z.literal('m.room_membership'),
  room_id: roomIdSchema,
});

/** An `allow` condition. */
export type AllowCondition = z.infer<typeof allowConditionSchema>;

/** Content of `m.room.join_rules`. */
export const roomJoinRulesContentSchema = z.looseObject({
  join_rule: joinRuleSchema,
  allow: z.array(allowConditionSchema).optional(),
});

/** Content of `m.room.join_rules`. */
export type RoomJoinRulesContent = z.infer<typeof roomJoinRulesContentSchema>;

/** A client-format `m.room.join_rules` event. */
export const roomJoinRulesEventSchema = defineStateEvent('m.room.join_rules', roomJoinRulesContentSchema, emptyStateKeySchema);

/** A client-format `m.room.join_rules` event. */
export type RoomJoinRulesEvent = z.infer<typeof roomJoinRulesEventSchema>;
