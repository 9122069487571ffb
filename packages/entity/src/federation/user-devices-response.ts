import { z } from 'zod';
import { deviceIdSchema, userIdSchema } from '../identifiers/index.js';
import { crossSigningKeyObjectSchema, deviceKeysObjectSchema } from '../edu/key-objects.js';

/** One device of a user: its ID, identity keys and optional display name. */
// server-server API: GET /user/devices/{userId} `User Device`
export const userDeviceSchema = z.looseObject({
  device_id: deviceIdSchema,
  keys: deviceKeysObjectSchema,
  device_display_name: z.string().optional(),
});

/** One device of a user. */
export type UserDevice = z.infer<typeof userDeviceSchema>;

/**
 * Response of `GET /_matrix/federation/v1/user/devices/{userId}`: the user's devices, the
 * `stream_id` of this device list version, and the cross-signing keys.
 */
// server-server API: GET /user/devices/{userId} response
export const userDevicesResponseSchema = z.looseObject({
  user_id: userIdSchema,
  stream_id: z.int(),
  devices: z.array(userDeviceSchema),
  master_key: crossSigningKeyObjectSchema.optional(),
  self_signing_key: crossSigningKeyObjectSchema.optional(),
});

/** Response of `GET /user/devices`. */
export type UserDevicesResponse = z.infer<typeof userDevicesResponseSchema>;
