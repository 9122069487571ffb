/**
 * `POST /_matrix/client/v3/register` request body (client-server "Account registration").
 *
 * @module
 */
import { z } from 'zod';
import { authDataSchema } from './auth-data.js';
import { deviceIdSchema } from './internal-fields.js';

/**
 * Registration request: the `auth` dict of user-interactive auth, the desired `username`
 * (basis of the localpart), `password`, `device_id`, `initial_device_display_name`,
 * `inhibit_login` and `refresh_token`. All optional (a guest registration needs none).
 */
export const registerRequestSchema = z.looseObject({
  auth: authDataSchema.optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  device_id: deviceIdSchema.optional(),
  initial_device_display_name: z.string().optional(),
  inhibit_login: z.boolean().optional(),
  refresh_token: z.boolean().optional(),
});

/** Registration request body. */
export type RegisterRequest = z.infer<typeof registerRequestSchema>;
