/**
 * `POST /_matrix/client/v3/login` 200 response body.
 *
 * @module
 */
import { z } from 'zod';
import { discoveryInformationSchema } from './discovery-information.js';
import { deviceIdSchema, nonNegativeIntField, serverNameSchema, userIdSchema } from './internal-fields.js';

/**
 * A successful login: `user_id`, `access_token`, `device_id`, optionally `refresh_token`,
 * `expires_in_ms` and `well_known` client configuration; `home_server` is deprecated.
 */
export const loginResponseSchema = z.looseObject({
  user_id: userIdSchema,
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in_ms: nonNegativeIntField.optional(),
  home_server: serverNameSchema.optional(),
  device_id: deviceIdSchema,
  well_known: discoveryInformationSchema.optional(),
});

/** A successful login. */
export type LoginResponse = z.infer<typeof loginResponseSchema>;
