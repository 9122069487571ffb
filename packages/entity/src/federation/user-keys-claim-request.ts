import { z } from 'zod';
import { deviceIdSchema, userIdSchema } from '../identifiers/index.js';

/** Request body of `POST /_matrix/federation/v1/user/keys/claim`: user ID to device ID to key algorithm. */
// server-server API: POST /user/keys/claim request
export const userKeysClaimRequestSchema = z.looseObject({
  one_time_keys: z.record(userIdSchema, z.record(deviceIdSchema, z.string())),
});

/** Request body of `POST /user/keys/claim`. */
export type UserKeysClaimRequest = z.infer<typeof userKeysClaimRequestSchema>;
