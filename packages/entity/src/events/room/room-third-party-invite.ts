/**
 * `m.room.third_party_invite` (client-server "m.room.third_party_invite"; the state key is the invite token).
 *
 * @module
 */
import { z } from 'zod';
import { defineStateEvent } from '../client-event.js';

/** One of the public keys of a third-party invite. */
export const publicKeySchema = z.looseObject({
  public_key: z.string(),
  key_validity_url: z.string().optional(),
});

/** One of the public keys of a third-party invite. */
export type PublicKey = z.infer<typeof publicKeySchema>;

/** Content of `m.room.third_party_invite`. */
export const roomThirdPartyInviteContentSchema = z.looseObject({
  display_name: z.string(),
  key_validity_url: z.string(),
  public_key: z.string(),
  public_keys: z.array(publicKeySchema).optional(),
});

/** Content of `m.room.third_party_invite`. */
export type RoomThirdPartyInviteContent = z.infer<typeof roomThirdPartyInviteContentSchema>;

/** A client-format `m.room.third_party_invite` event. */
export const roomThirdPartyInviteEventSchema = defineStateEvent('m.room.third_party_invite', roomThirdPartyInviteContentSchema, z.string());

/** A client-format `m.room.third_party_invite` event. */
export type RoomThirdPartyInviteEvent = z.infer<typeof roomThirdPartyInviteEventSchema>;
