/**
 * The key objects the EDUs and the federation key bodies embed, from the client-server
 * definitions `device_keys.yaml` and `cross_signing_key.yaml` (internal to this package's
 * federation folders until the client-server schemas provide them).
 *
 * @module
 */
import { z } from 'zod';
import { deviceIdSchema, deviceKeyIdSchema, userIdSchema } from '../identifiers/index.js';

/** `Signatures` of a key object: user ID (or server) to key ID to signature. */
const keySignatures = z.record(z.string(), z.record(z.string(), z.string()));

// client-server API: definitions/device_keys.yaml (DeviceKeys)
/** Identity keys of a device. */
export const deviceKeysObjectSchema = z.looseObject({
  user_id: userIdSchema,
  device_id: deviceIdSchema,
  algorithms: z.array(z.string()),
  keys: z.record(deviceKeyIdSchema, z.string()),
  signatures: z.record(userIdSchema, z.record(z.string(), z.string())),
});

// client-server API: definitions/cross_signing_key.yaml (CrossSigningKey)
/** A cross-signing key: `keys` holds exactly one `<algorithm>:<public key>` entry. */
export const crossSigningKeyObjectSchema = z.looseObject({
  user_id: userIdSchema,
  usage: z.array(z.enum(['master', 'self_signing', 'user_signing'])),
  keys: z
    .record(deviceKeyIdSchema, z.string())
    .refine((keys) => Object.keys(keys).length === 1, { message: 'keys must have exactly one property' }),
  signatures: keySignatures.optional(),
});
