/**
 * `POST /_matrix/client/v3/rooms/{roomId}/join` and `POST /_matrix/client/v3/join/{roomIdOrAlias}`
 * request body (client-server "Joining rooms").
 *
 * @module
 */
import { z } from 'zod';
import { thirdPartySignedSchema } from './third-party-signed.js';

/** Join request: optional `third_party_signed` (for a third-party invite) and `reason` (v1.1). */
export const joinRoomRequestSchema = z.looseObject({
  third_party_signed: thirdPartySignedSchema.optional(),
  reason: z.string().optional(),
});

/** Join request body. */
export type JoinRoomRequest = z.infer<typeof joinRoomRequestSchema>;
