/**
 * User identifier `m.id.thirdparty` (client-server "Identifier types" / "Third-party ID").
 *
 * @module
 */
import { z } from 'zod';

/**
 * Identifies a user by a third-party identifier bound to their account, in canonicalised
 * form: its `medium` (e.g. `email`, `msisdn`; appendix "3PID Types") and `address`.
 */
export const thirdPartyUserIdentifierSchema = z.looseObject({
  type: z.literal('m.id.thirdparty'),
  medium: z.string().min(1),
  address: z.string().min(1),
});

/** A user identified by a third-party identifier. */
export type ThirdPartyUserIdentifier = z.infer<typeof thirdPartyUserIdentifierSchema>;
