/**
 * `GET /_matrix/client/v3/account/whoami` 200 response body.
 *
 * @module
 */
import { z } from 'zod';
import { deviceIdSchema, userIdSchema } from './internal-fields.js';

/**
 * The owner of an access token: `user_id`, `device_id` (v1.1; omitted only when no
 * device goes with the token, as for application services) and `is_guest` (v1.2).
 */
export const whoamiResponseSchema = z.looseObject({
  user_id: userIdSchema,
  device_id: deviceIdSchema.optional(),
  is_guest: z.boolean().optional(),
});

/** The owner of an access token. */
export type WhoamiResponse = z.infer<typeof whoamiResponseSchema>;
