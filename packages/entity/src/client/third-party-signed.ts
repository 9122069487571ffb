/**
 * `third_party_signed` of the join endpoints (definitions/third_party_signed.yaml): a
 * signed `m.third_party_invite` token proving the joiner owns the invited 3PID.
 *
 * @module
 */
import { z } from 'zod';
import { serverNameSchema, userIdSchema } from './internal-fields.js';

/**
 * A signature of an `m.third_party_invite` token: the inviting `sender`, the invitee's
 * `mxid`, the `token` (state key of the `m.third_party_invite` event) and `signatures`
 * (server name to key ID to signature).
 */
export const thirdPartySignedSchema = z.looseObject({
  sender: userIdSchema,
  mxid: userIdSchema,
  token: z.string().min(1),
  signatures: z.record(serverNameSchema, z.record(z.string().min(1), z.string())),
});

/** A signature of an `m.third_party_invite` token. */
export type ThirdPartySigned = z.infer<typeof thirdPartySignedSchema>;
