/**
 * `m.room.member` (client-server "m.room.member"), with `third_party_invite`
 * (components/signed_third_party_invite) and `join_authorised_via_users_server`, and the
 * `invite_room_state` / `knock_room_state` unsigned data.
 *
 * @module
 */
import { z } from 'zod';
import { deviceKeyIdSchema, serverNameSchema, userIdSchema } from '../../identifiers/schemas.js';
import { defineStateEvent, strippedStateEventSchema, unsignedDataSchema } from '../client-event.js';
import { mxcUriSchema } from '../common/mxc-uri.js';

/** A membership state (`membership`). */
export const membershipSchema = z.enum(['invite', 'join', 'knock', 'leave', 'ban']);

/** A membership state. */
export type Membership = z.infer<typeof membershipSchema>;

/**
 * The signed part of a third-party invite (components/signed_third_party_invite): `mxid`,
 * `token` and the identity server's `signatures` (server name -> key ID -> signature).
 */
export const signedThirdPartyInviteSchema = z.looseObject({
  mxid: userIdSchema,
  token: z.string(),
  signatures: z.record(serverNameSchema, z.record(deviceKeyIdSchema, z.string())),
});

/** The signed part of a third-party invite. */
export type SignedThirdPartyInvite = z.infer<typeof signedThirdPartyInviteSchema>;

/** The `third_party_invite` of an invite that came from a third-party invite. */
export const memberThirdPartyInviteSchema = z.looseObject({
  display_name: z.string(),
  signed: signedThirdPartyInviteSchema,
});

/** The `third_party_invite` of a membership. */
export type MemberThirdPartyInvite = z.infer<typeof memberThirdPartyInviteSchema>;

/** Content of `m.room.member`. */
export const roomMemberContentSchema = z.looseObject({
  membership: membershipSchema,
  avatar_url: mxcUriSchema.optional(),
  displayname: z.string().nullable().optional(),
  is_direct: z.boolean().optional(),
  join_authorised_via_users_server: userIdSchema.optional(),
  reason: z.string().optional(),
  third_party_invite: memberThirdPartyInviteSchema.optional(),
});

/** Content of `m.room.member`. */
export type RoomMemberContent = z.infer<typeof roomMemberContentSchema>;

/** Unsigned data of a membership event, with the stripped state given with an invite or knock. */
export const roomMemberUnsignedSchema = unsignedDataSchema.extend({
  invite_room_state: z.array(strippedStateEventSchema).optional(),
  knock_room_state: z.array(strippedStateEventSchema).optional(),
});

/** A client-format `m.room.member` event; the state key is the user ID of the member. */
export const roomMemberEventSchema = defineStateEvent('m.room.member', roomMemberContentSchema, userIdSchema).extend({
  unsigned: roomMemberUnsignedSchema.optional(),
});

/** A client-format `m.room.member` event. */
export type RoomMemberEvent = z.infer<typeof roomMemberEventSchema>;
