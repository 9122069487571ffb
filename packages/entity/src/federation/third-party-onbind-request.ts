import { z } from 'zod';
import { roomIdSchema, userIdSchema } from '../identifiers/index.js';
import { signedThirdPartyInviteSchema } from '../events/index.js';

/** A pending invite of a newly bound third-party identifier. */
// server-server API: PUT /3pid/onbind `Third-party Invite`
export const onBindThirdPartyInviteSchema = z.looseObject({
  medium: z.string(),
  address: z.string(),
  mxid: userIdSchema,
  room_id: roomIdSchema,
  sender: userIdSchema,
  signed: signedThirdPartyInviteSchema,
});

/** A pending invite of a newly bound third-party identifier. */
export type OnBindThirdPartyInvite = z.infer<typeof onBindThirdPartyInviteSchema>;

/**
 * Request body of `PUT /_matrix/federation/v1/3pid/onbind`, sent by an identity server:
 * a third-party identifier now bound to `mxid`, and its pending invites.
 */
// server-server API: PUT /3pid/onbind request
export const thirdPartyOnBindRequestSchema = z.looseObject({
  medium: z.string(),
  address: z.string(),
  mxid: userIdSchema,
  invites: z.array(onBindThirdPartyInviteSchema),
});

/** Request body of `PUT /3pid/onbind`. */
export type ThirdPartyOnBindRequest = z.infer<typeof thirdPartyOnBindRequestSchema>;
