/**
 * `POST /_matrix/client/v3/register` 200 response body.
 *
 * @module
 */
import { z } from 'zod';
import { deviceIdSchema, nonNegativeIntField, serverNameSchema, strictUserIdSchema } from './internal-fields.js';

/**
 * Registration response: the new `user_id` ("must conform to the grammar", so the strict
 * user ID grammar), and unless `inhibit_login` was set, `access_token`, `device_id`,
 * optionally `refresh_token` and `expires_in_ms`; `home_server` is deprecated.
 */
export const registerResponseSchema = z.looseObject({
  user_id: strictUserIdSchema,
  access_token: z.string().min(1).optional(),
  refresh_token: z.string().min(1).optional(),
  expires_in_ms: nonNegativeIntField.optional(),
  home_server: serverNameSchema.optional(),
  device_id: deviceIdSchema.optional(),
});

/** Registration response body. */
export type RegisterResponse = z.infer<typeof registerResponseSchema>;
