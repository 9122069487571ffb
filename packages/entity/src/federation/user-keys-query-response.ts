import { z } from 'zod';
import { deviceIdSchema, userIdSchema } from '../identifiers/index.js';
import { crossSigningKeyObjectSchema, deviceKeysObjectSchema } from '../edu/key-objects.js';

/** A device's keys as `/user/keys/query` returns them: the uploaded keys plus `unsigned` information. */
// server-server API: POST /user/keys/query response `device_keys` values
export const queriedDeviceKeysSchema = deviceKeysObjectSchema.extend({
  unsigned: z
    .looseObject({
      device_display_name: z.string().optional(),
    })
    .optional(),
});

/** A device's keys with `unsigned` information. */
export type QueriedDeviceKeys = z.infer<typeof queriedDeviceKeysSchema>;

/**
 * Response of `POST /_matrix/federation/v1/user/keys/query`: user ID to device ID to
 * device keys, and the users' master and self-signing keys.
 */
// server-server API: POST /user/keys/query response
export const userKeysQueryResponseSchema = z.looseObject({
  device_keys: z.record(userIdSchema, z.record(deviceIdSchema, queriedDeviceKeysSchema)),
  master_keys: z.record(userIdSchema, crossSigningKeyObjectSchema).optional(),
  self_signing_keys: z.record(userIdSchema, crossSigningKeyObjectSchema).optional(),
});

/** Response of `POST /user/keys/query`. */
export type UserKeysQueryResponse = z.infer<typeof userKeysQueryResponseSchema>;
