import { z } from 'zod';
import { roomIdSchema, userIdSchema } from '../identifiers/index.js';
import { signedThirdPartyInviteSchema } from '../events/index.js';

/**
 * Request body of `PUT /_matrix/federation/v1/exchange_third_party_invite/{roomId}`: a
 * partial `m.room.member` invite event carrying the signed third-party invite.
 */
// server-server API: PUT /exchange_third_party_invite/{roomId} request
export const exchangeThirdPartyInviteRequestSchema = z.looseObject({
  type: z.literal('m.room.member'),
  room_id: roomIdSchema,
  sender: userIdSchema,
  state_key: userIdSchema,
  content: z.looseObject({
    membership: z.literal('invite'),
    third_party_invite: z.looseObject({
      display_name: z.string(),
      signed: signedThirdPartyInviteSchema,
    }),
  }),
});

/** Request body of `PUT /exchange_third_party_invite`. */
export type ExchangeThirdPartyInviteRequest = z.infer<typeof exchangeThirdPartyInviteRequestSchema>;
