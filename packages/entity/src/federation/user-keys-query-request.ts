import { z } from 'zod';
import { deviceIdSchema, userIdSchema } from '../identifiers/index.js';

/** Request body of `POST /_matrix/federation/v1/user/keys/query`: user ID to device IDs (empty: all devices). */
// server-server API: POST /user/keys/query request
export const userKeysQueryRequestSchema = z.looseObject({
  device_keys: z.record(userIdSchema, z.array(deviceIdSchema)),
});

/** Request body of `POST /user/keys/query`. */
export type UserKeysQueryRequest = z.infer<typeof userKeysQueryRequestSchema>;
