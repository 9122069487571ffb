import { z } from 'zod';
import { deviceIdSchema, deviceKeyIdSchema, userIdSchema } from '../identifiers/index.js';
import { signaturesMapSchema } from '../pdu/index.js';

/** A claimed key: an unpadded base64 string, or a signed key object. */
// server-server API: POST /user/keys/claim `KeyObject`
export const claimedKeySchema = z.union([
  z.string(),
  z.looseObject({
    key: z.string(),
    signatures: signaturesMapSchema,
  }),
]);

/** A claimed key. */
export type ClaimedKey = z.infer<typeof claimedKeySchema>;

/** Response of `POST /_matrix/federation/v1/user/keys/claim`: user ID to device ID to `<algorithm>:<key_id>` to key. */
// server-server API: POST /user/keys/claim response
export const userKeysClaimResponseSchema = z.looseObject({
  one_time_keys: z.record(userIdSchema, z.record(deviceIdSchema, z.record(deviceKeyIdSchema, claimedKeySchema))),
});

/** Response of `POST /user/keys/claim`. */
export type UserKeysClaimResponse = z.infer<typeof userKeysClaimResponseSchema>;
